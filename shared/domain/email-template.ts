/**
 * One message for many recipients, with a few per-recipient values (their
 * manage and unsubscribe links): the content is rendered once and each
 * recipient's values fill `{{{name}}}` placeholders, as SES v2
 * `SendBulkEmail` does with an inline template. Every adapter expands it
 * the same way (`expandTemplate`), so what the outbox shows is what SES sends.
 */
export interface EmailTemplate {
  subject: string;
  text: string;
  html?: string;
  /** Headers every copy carries; per-recipient headers are added beside them. */
  headers?: Record<string, string>;
}

export interface TemplateDestination {
  to: string;
  /** Values for the template's placeholders: URLs and codes, never markup. */
  data: Record<string, string>;
  /** Headers of this copy only, e.g. its own List-Unsubscribe. */
  headers?: Record<string, string>;
}

/** Destinations one bulk call takes at most (the SES v2 `SendBulkEmail` limit). */
export const BULK_EMAIL_MAX_DESTINATIONS = 50;

const PLACEHOLDER = /\{\{\{([A-Za-z][A-Za-z0-9]*)\}\}\}/g;
/** Values go in unescaped (triple braces), so they may hold none of the characters markup would need escaped. */
const SAFE_VALUE = /^[A-Za-z0-9:/?#=._~%+-]*$/;

/** `{{{name}}}`: where a per-recipient value goes. */
export function placeholder(name: string): string {
  return `{{{${name}}}}`;
}

/**
 * Content text with template syntax made inert: a zero-width space breaks
 * every `{{` and `}}`, so words a publisher wrote can never become a
 * placeholder or a Handlebars expression in SES.
 */
export function inertTemplateText(text: string): string {
  return text.replace(/\{\{/g, '{\u200b{').replace(/\}\}/g, '}\u200b}');
}

/** Checks a destination's values before they are sent: a value that is not a plain URL or code is refused. */
export function assertSafeTemplateData(data: Record<string, string>): void {
  for (const [name, value] of Object.entries(data)) {
    if (!SAFE_VALUE.test(value)) throw new Error(`Template value ${name} holds characters that would need escaping`);
  }
}

/** One recipient's copy: placeholders filled, headers merged. */
export function expandTemplate(template: EmailTemplate, destination: TemplateDestination): { to: string; subject: string; text: string; html?: string; headers?: Record<string, string> } {
  assertSafeTemplateData(destination.data);
  const fill = (text: string) => text.replace(PLACEHOLDER, (_m, name: string) => destination.data[name] ?? '');
  const headers = { ...template.headers, ...destination.headers };
  return {
    to: destination.to,
    subject: fill(template.subject),
    text: fill(template.text),
    ...(template.html !== undefined ? { html: fill(template.html) } : {}),
    ...(Object.keys(headers).length ? { headers } : {}),
  };
}
