import { assessmentOf } from '../domain/assessment';
import { countryName } from '../domain/country';
import type { DigestFrequency } from '../domain/delivery-timing';
import { inertTemplateText, placeholder, type EmailTemplate } from '../domain/email-template';
import type { Version } from '../domain/publication';
import { entryTitle, publicationUrl } from '../formats/feed-entry';
import { escapeHtml } from '../formats/markdown';
import { EMAIL_LINKS } from './render-email';

/** Items by country, countries by name; an item about two countries is listed under each. */
function byCountry(versions: readonly Version[]): [string, Version[]][] {
  const groups = new Map<string, Version[]>();
  for (const version of versions) {
    for (const country of version.content.countries) groups.set(country, [...(groups.get(country) ?? []), version]);
  }
  return [...groups.entries()].map(([code, list]): [string, Version[]] => [countryName(code), list]).sort(([a], [b]) => a.localeCompare(b));
}

/**
 * A daily or weekly digest: every item in it (the newest version of each,
 * newest first within a country) grouped by country, with its severity and
 * a link, and placeholders for the recipient's manage and unsubscribe
 * links, filled per recipient as in alert emails. Restricted items say
 * their TLP label beside the title.
 */
export function renderDigestTemplate(frequency: DigestFrequency, versions: readonly Version[], baseUrl: string): EmailTemplate {
  const t = inertTemplateText;
  const e = escapeHtml;
  const groups = byCountry(versions);
  const count = `${versions.length} ${versions.length === 1 ? 'item' : 'items'}`;
  const subject = `Outpost ${frequency} digest: ${count}`;
  const manageUrl = placeholder(EMAIL_LINKS.manage);
  const unsubscribeUrl = placeholder(EMAIL_LINKS.unsubscribe);
  const line = (v: Version) => {
    const tlp = v.content.sharing === 'TLP:CLEAR' ? '' : `[${v.content.sharing}] `;
    return { title: `${tlp}${t(entryTitle(v.content))}`, severity: assessmentOf(v.content, v.publishedAt).severity, url: publicationUrl(baseUrl, v.id) };
  };
  const text = [
    `Your ${frequency} Outpost digest: ${count}.`,
    '',
    ...groups.flatMap(([country, list]) => [country, ...list.map(line).map((l) => `- ${l.title} (severity ${l.severity}): ${l.url}`), '']),
    '--',
    `You receive this ${frequency} digest because you subscribed to Outpost alerts.`,
    `Change what you receive or how often: ${manageUrl}`,
    `Unsubscribe: ${unsubscribeUrl}`,
  ].join('\n');
  const html = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(subject)}</title></head><body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1b1b1b">`,
    `<h1 style="font-size:1.4em">Your ${frequency} Outpost digest: ${count}</h1>`,
    ...groups.map(
      ([country, list]) => `<h2 style="font-size:1.1em">${e(country)}</h2><ul>${list.map(line).map((l) => `<li><a href="${e(l.url)}">${e(l.title)}</a> · severity ${e(l.severity)}</li>`).join('')}</ul>`,
    ),
    '<hr>',
    `<p style="font-size:0.85em;color:#555">You receive this ${frequency} digest because you subscribed to Outpost alerts. <a href="${manageUrl}">Change what you receive or how often</a> · <a href="${unsubscribeUrl}">Unsubscribe</a></p>`,
    '</body></html>',
  ].join('');
  return { subject, text, html, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
}
