import { countryName } from '../domain/country';
import type { Version } from '../domain/publication';
import { indicatorName } from '../domain/risk-indicator';
import { inertTemplateText, placeholder, type EmailTemplate, type TemplateDestination } from '../domain/email-template';
import { levelLabel, entryTitle, publicationUrl } from '../formats/feed-entry';
import { escapeHtml } from '../formats/markdown';

/** The per-recipient values of an alert email: the subscription's own manage and unsubscribe links. */
const EMAIL_LINKS = { manage: 'manageUrl', unsubscribe: 'unsubscribeUrl' } as const;

const BANNERS = {
  'TLP:GREEN': 'TLP:GREEN – for member organizations of Outpost only. Do not post publicly or forward outside the membership.',
  'TLP:AMBER': 'TLP:AMBER – limited disclosure: for your organization and the organizations named by the publisher only. Do not forward.',
} as const;

const utc = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const when = (instant: string) => `${utc.format(new Date(instant))} UTC`;

/** The facts shown as a list in both bodies: level and indicators, or the alert's places, window and actions. */
function details(version: Version): { label: string; lines: string[] }[] {
  const c = version.content;
  const out: { label: string; lines: string[] }[] = [{ label: 'Countries', lines: [c.countries.map(countryName).join(', ')] }];
  if (c.kind === 'travel-advisory') {
    out.push({ label: 'Level', lines: [levelLabel(c.level)] });
    if (c.indicators.length) out.push({ label: 'Risk indicators', lines: [c.indicators.map((i) => `${indicatorName(i)} (${i})`).join(', ')] });
  }
  if (c.kind === 'security-alert') {
    if (c.places?.length) out.push({ label: 'Places', lines: [c.places.join('; ')] });
    if (c.eventStart || c.eventEnd) {
      out.push({ label: 'When', lines: [[c.eventStart ? when(c.eventStart) : 'now', c.eventEnd ? when(c.eventEnd) : 'until further notice'].join(' – ')] });
    }
    out.push({ label: 'Actions to take', lines: c.actions });
    if (c.assistance?.length) {
      out.push({ label: 'Assistance', lines: c.assistance.map((a) => [a.name, a.phone, a.email, a.url].filter(Boolean).join(', ')) });
    }
  }
  if (version.version > 1 && version.changeNote.trim()) out.push({ label: 'What changed', lines: [version.changeNote.trim()] });
  return out;
}

const TRAVELER_REASON = 'You receive this because your organization registered a trip of yours there with Outpost.';

/**
 * The alert email for one version, rendered once for every recipient: a
 * plain-text and an HTML body with the same content (title naming the level
 * for advisories, the sharing banner for GREEN and AMBER, details, summary,
 * the page link) and placeholders for each recipient's manage and
 * unsubscribe links, which `alertEmailDestination` fills, with the RFC 2369
 * / RFC 8058 one-click unsubscribe headers. Publisher text is made inert for
 * the template language. For `traveler`, the footer says why a traveler
 * gets it (their organization registered the trip) and offers the stop
 * link (the unsubscribe placeholder) instead of the manage link.
 */
export function renderEmailTemplate(version: Version, baseUrl: string, audience: 'subscriber' | 'traveler' = 'subscriber'): EmailTemplate {
  const c = version.content;
  const t = inertTemplateText;
  const title = t(entryTitle(c));
  const link = publicationUrl(baseUrl, version.id);
  const banner = c.sharing === 'TLP:CLEAR' ? undefined : BANNERS[c.sharing];
  const facts = details(version).map((f) => ({ label: f.label, lines: f.lines.map(t) }));
  const summary = t(c.summary);
  const subject = `${c.sharing === 'TLP:CLEAR' ? '' : `[${c.sharing}] `}${title}`;
  const manageUrl = placeholder(EMAIL_LINKS.manage);
  const unsubscribeUrl = placeholder(EMAIL_LINKS.unsubscribe);

  const text = [
    ...(banner ? [banner, ''] : []),
    title,
    '',
    ...facts.flatMap((f) => (f.lines.length === 1 ? [`${f.label}: ${f.lines[0]}`] : [`${f.label}:`, ...f.lines.map((l) => `- ${l}`)])),
    '',
    summary,
    '',
    `Read it on Outpost: ${link}`,
    '',
    '--',
    ...(audience === 'traveler'
      ? [TRAVELER_REASON, `Stop these alerts: ${unsubscribeUrl}`]
      : ['You receive this because you subscribed to Outpost alerts.', `Change what you receive: ${manageUrl}`, `Unsubscribe: ${unsubscribeUrl}`]),
  ].join('\n');

  const e = escapeHtml;
  const bannerColour = c.sharing === 'TLP:AMBER' ? '#ffc000' : '#33ff00';
  const html = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>',
    e(title),
    '</title></head><body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1b1b1b">',
    banner ? `<p style="background:#000;color:${bannerColour};padding:8px;font-weight:bold">${e(banner)}</p>` : '',
    `<h1 style="font-size:1.4em">${e(title)}</h1>`,
    '<dl>',
    ...facts.map((f) =>
      f.lines.length === 1
        ? `<dt><strong>${e(f.label)}</strong></dt><dd>${e(f.lines[0]!)}</dd>`
        : `<dt><strong>${e(f.label)}</strong></dt><dd><ul>${f.lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul></dd>`,
    ),
    '</dl>',
    `<p>${e(summary)}</p>`,
    `<p><a href="${e(link)}">Read it on Outpost</a></p>`,
    '<hr>',
    audience === 'traveler'
      ? `<p style="font-size:0.85em;color:#555">${e(TRAVELER_REASON)} <a href="${unsubscribeUrl}">Stop these alerts</a></p>`
      : `<p style="font-size:0.85em;color:#555">You receive this because you subscribed to Outpost alerts. <a href="${manageUrl}">Change what you receive</a> · <a href="${unsubscribeUrl}">Unsubscribe</a></p>`,
    '</body></html>',
  ].join('');

  return { subject, text, html, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
}

/** One recipient of an alert email: its address, its links, and its own List-Unsubscribe header (RFC 2369 / RFC 8058). */
export function alertEmailDestination(to: string, links: { manageUrl: string; unsubscribeUrl: string }): TemplateDestination {
  return {
    to,
    data: { [EMAIL_LINKS.manage]: links.manageUrl, [EMAIL_LINKS.unsubscribe]: links.unsubscribeUrl },
    headers: { 'List-Unsubscribe': `<${links.unsubscribeUrl}>` },
  };
}
