import { BASE_URL, fromPeer, type Harness } from './harness';

/**
 * Reading pages and messages as a person (or a mail scanner) would: the
 * links in a message, the forms on a page, and posting a form back.
 */

/** Every http(s) URL in a message's text, in order. */
export function linksIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0].replace(/[.,;)]+$/, ''));
}

/** The path and query of a link to this site. */
export function pathOf(url: string): string {
  const u = new URL(url.replace(/&amp;/g, '&'));
  return `${u.pathname}${u.search}`;
}

/** A form on a page: its method, action and the values of its hidden fields. */
export interface PageForm {
  method: string;
  action: string;
  fields: Record<string, string>;
  /** The text of its submit button. */
  button: string;
}

/** Every form on a page. */
export function formsIn(html: string): PageForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map(([, attributes = '', inner = '']) => ({
    method: (/method="([^"]*)"/.exec(attributes)?.[1] ?? 'get').toLowerCase(),
    action: (/action="([^"]*)"/.exec(attributes)?.[1] ?? '').replace(/&amp;/g, '&'),
    fields: Object.fromEntries([...inner.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)].map(([tag]) => [/name="([^"]*)"/.exec(tag)?.[1] ?? '', (/value="([^"]*)"/.exec(tag)?.[1] ?? '').replace(/&amp;/g, '&')])),
    button: (/<button\b[^>]*>([\s\S]*?)<\/button>/.exec(inner)?.[1] ?? '').trim(),
  }));
}

export interface PageResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** A request as a browser on this site sends it: forms with its Origin, cookies when given, from one peer address. */
export async function browse(
  h: Pick<Harness, 'app'>,
  method: string,
  path: string,
  options: { form?: Record<string, string | string[]>; cookie?: string; headers?: Record<string, string>; client?: string } = {},
): Promise<PageResponse> {
  const headers: Record<string, string> = { accept: 'text/html', ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined;
  if (options.form) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(options.form)) for (const one of Array.isArray(value) ? value : [value]) params.append(name, one);
    body = params.toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers.origin ??= BASE_URL;
  }
  const res = await h.app.request(new Request(`${BASE_URL}${path}`, { method, headers, body }), undefined, fromPeer(options.client ?? '192.0.2.1'));
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Opens a sign-in link's page and presses its button (with the page's own CSRF token when a session is open); the POST's response. */
export async function followSignInLink(h: Pick<Harness, 'app'>, link: string, cookie?: string): Promise<PageResponse> {
  const page = await browse(h, 'GET', pathOf(link.startsWith('/') ? `${BASE_URL}${link}` : link), cookie ? { cookie } : {});
  const form = formsIn(page.text).find((f) => f.action === '/sign-in/callback');
  if (!form) throw new Error(`no sign-in button on ${link} (${page.status})`);
  return browse(h, 'POST', form.action, { form: form.fields, ...(cookie ? { cookie } : {}) });
}
