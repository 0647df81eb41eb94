import type { AdvisoryLevel } from '../domain/advisory-level';
import { assessmentOf, type Severity, type Urgency } from '../domain/assessment';
import { assertNever } from '../domain/exhaustive';
import { countryName } from '../domain/country';
import type { Version } from '../domain/publication';
import type { PublicationContent } from '../domain/publication-content';
import { KIND_LABELS, type Kind } from '../domain/publication-kind';
import { regionName, type Region } from '../domain/region';
import { indicatorName, type RiskIndicator } from '../domain/risk-indicator';
import type { Sharing } from '../domain/sharing';
import { entryTitle, levelLabel, publicationUrl, trimBase } from './entry-title';
import { escapeHtml, renderMarkdown, sanitizeFragment } from './markdown';
import { rfc3339 } from './xml-text';

// Titles and page links need no Markdown; messages that render no body import them from entry-title.ts.
export { entryTitle, levelLabel, publicationUrl };

/**
 * The neutral shape every feed format (RSS, Atom, JSON Feed, the CAP index)
 * renders from, so that what a publication says in one feed it says in all.
 *
 * Identity: an entry's `id` is `urn:outpost:publication:<publication id>`.
 * It names the publication, not one version, so an amendment updates the
 * entry a reader already has instead of adding a second one; and it does not
 * contain the host, so it survives a move of the site to another domain (and
 * is the same in local mode and in production). The page URL is in `link`.
 */

/** What a feed says about itself; every feed format renders from this. */
export interface FeedMeta {
  /** The feed's permanent id (Atom `id`), e.g. `urn:outpost:feed:all` or the feed's URL. */
  id: string;
  title: string;
  description: string;
  /** Where this feed is served. */
  selfUrl: string;
  /** The HTML page the feed mirrors. */
  siteUrl: string;
  /** When the feed last changed (RFC 3339); normally the newest entry's `updated`. */
  updated: string;
  /** Who the feed is by; defaults to "Outpost". */
  author?: string;
}

/** A structured category: a scheme URI, a machine term, a human label. */
export interface FeedCategory {
  scheme: string;
  term: string;
  label: string;
}

/** Outpost's structured data about an entry, for formats that can carry it (JSON Feed `_outpost`). */
export interface OutpostEntryData {
  publicationId: string;
  kind: Kind;
  version: number;
  major: boolean;
  sharing: Sharing;
  countries: string[];
  regions: Region[];
  level?: AdvisoryLevel;
  indicators?: RiskIndicator[];
  /** CAP urgency and severity: the publisher's, or the kind's defaults. */
  urgency: Urgency;
  severity: Severity;
  changeNote?: string;
}

/** One publication's current version, ready for any feed format. */
export interface FeedEntry {
  /** `urn:outpost:publication:<id>`: stable across versions and hosts. */
  id: string;
  title: string;
  /** Plain text. */
  summary: string;
  /** Sanitized HTML. */
  contentHtml: string;
  /** The publication's page. */
  link: string;
  /** The CAP 1.2 document, for kinds that have one. */
  capUrl?: string;
  /** The first version's publish time (RFC 3339). */
  published: string;
  /** This version's publish time (RFC 3339). */
  updated: string;
  /** The publishing organization's name, when the caller knows it. */
  author?: string;
  categories: FeedCategory[];
  /** What changed, for amendments (version > 1) only. */
  changeNote?: string;
  data: OutpostEntryData;
}

/** What building an entry needs beyond the version: where the site is, and facts a Version does not hold. */
export interface FeedEntryOptions {
  /** The site's origin, e.g. `https://outpost.example`; a trailing slash is ignored. */
  baseUrl: string;
  /** The first version's publish time; defaults to this version's when absent. */
  firstPublishedAt?: string;
  /** The publishing organization's display name. */
  publisherName?: string;
}

/** Kinds that are also published as CAP 1.2 alerts. */
export const CAP_KINDS: ReadonlySet<Kind> = new Set(['security-alert', 'travel-advisory']);

/** The category scheme URIs, one per dimension. */
function schemeUri(baseUrl: string, scheme: 'kind' | 'country' | 'region' | 'level' | 'risk-indicator' | 'urgency' | 'severity'): string {
  return `${trimBase(baseUrl)}/schemes/${scheme}`;
}

/** `urn:outpost:publication:<id>`, the id of a publication in every feed. */
export function publicationUrn(publicationId: string): string {
  return `urn:outpost:publication:${publicationId}`;
}

/** The CAP 1.2 document of a publication (its current version). */
function capUrl(baseUrl: string, publicationId: string): string {
  return `${trimBase(baseUrl)}/cap/${encodeURIComponent(publicationId)}.xml`;
}

/** Builds the neutral feed entry for one published version. */
export function buildFeedEntry(version: Version, options: FeedEntryOptions): FeedEntry {
  const { content } = version;
  const changeNote = version.version > 1 && version.changeNote.trim() ? version.changeNote.trim() : undefined;
  const { urgency, severity } = assessmentOf(content, version.publishedAt);
  const data: OutpostEntryData = {
    publicationId: version.id,
    kind: content.kind,
    version: version.version,
    major: version.major,
    sharing: content.sharing,
    countries: [...content.countries],
    regions: [...version.regions],
    urgency,
    severity,
  };
  if (content.kind === 'travel-advisory') {
    data.level = content.level;
    data.indicators = [...content.indicators];
  }
  if (changeNote) data.changeNote = changeNote;

  const entry: FeedEntry = {
    id: publicationUrn(version.id),
    title: entryTitle(content),
    summary: content.summary,
    contentHtml: contentHtml(content, changeNote),
    link: publicationUrl(options.baseUrl, version.id),
    published: rfc3339(options.firstPublishedAt ?? version.publishedAt),
    updated: rfc3339(version.publishedAt),
    categories: categoriesOf(version, options.baseUrl),
    data,
  };
  if (CAP_KINDS.has(content.kind)) entry.capUrl = capUrl(options.baseUrl, version.id);
  if (options.publisherName) entry.author = options.publisherName;
  if (changeNote) entry.changeNote = changeNote;
  return entry;
}

function categoriesOf(version: Version, baseUrl: string): FeedCategory[] {
  const { content } = version;
  const categories: FeedCategory[] = [
    { scheme: schemeUri(baseUrl, 'kind'), term: content.kind, label: KIND_LABELS[content.kind] },
    ...content.countries.map((cc) => ({ scheme: schemeUri(baseUrl, 'country'), term: cc, label: countryName(cc) })),
    ...version.regions.map((r) => ({ scheme: schemeUri(baseUrl, 'region'), term: r, label: regionName(r) })),
  ];
  if (content.kind === 'travel-advisory') {
    categories.push({ scheme: schemeUri(baseUrl, 'level'), term: String(content.level), label: levelLabel(content.level) });
    for (const i of content.indicators) {
      categories.push({ scheme: schemeUri(baseUrl, 'risk-indicator'), term: i, label: indicatorName(i) });
    }
  }
  const { urgency, severity } = assessmentOf(content, version.publishedAt);
  categories.push({ scheme: schemeUri(baseUrl, 'urgency'), term: urgency, label: `Urgency: ${urgency}` }, { scheme: schemeUri(baseUrl, 'severity'), term: severity, label: `Severity: ${severity}` });
  return categories;
}

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const longDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

function when(instant: string): string {
  return `${dateTime.format(new Date(instant))} UTC`;
}

function day(isoDate: string): string {
  return longDate.format(new Date(`${isoDate}T00:00:00Z`));
}

function fact(label: string, value: string): string {
  return `<p><strong>${escapeHtml(label)}:</strong> ${value}</p>`;
}

function list(items: readonly string[]): string {
  return `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
}

function link(href: string, text: string): string {
  return `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
}

function sections(items: readonly { heading: string; body: string }[] | undefined): string[] {
  return (items ?? []).map((s) => `<h2>${escapeHtml(s.heading)}</h2>\n${renderMarkdown(s.body)}`);
}

/**
 * The entry's HTML: the change note of an amendment, the kind's own
 * structured fields, the body, then the kind's sections or actions. Text is
 * escaped, Markdown rendered, and the whole sanitized once more so that the
 * assembled HTML obeys the same allowlist as each part.
 */
function contentHtml(content: PublicationContent, changeNote: string | undefined): string {
  const parts: string[] = [];
  if (changeNote) parts.push(fact('Latest update', escapeHtml(changeNote)));
  const body = renderMarkdown(content.body);
  switch (content.kind) {
    case 'travel-advisory':
      parts.push(`<p><strong>${escapeHtml(levelLabel(content.level))}</strong></p>`);
      if (content.indicators.length > 0) {
        parts.push(fact('Risk indicators', escapeHtml(content.indicators.map((i) => `${indicatorName(i)} (${i})`).join(', '))));
      }
      parts.push(body);
      break;
    case 'security-alert': {
      if (content.eventStart || content.eventEnd) {
        const start = content.eventStart ? when(content.eventStart) : 'now';
        const end = content.eventEnd ? ` until ${when(content.eventEnd)}` : '';
        parts.push(fact('When', escapeHtml(`${content.eventStart ? `From ${start}` : 'Now'}${end}`)));
      }
      if (content.places?.length) parts.push(fact('Where', escapeHtml(content.places.join('; '))));
      parts.push(body);
      parts.push('<h2>Actions to take</h2>', list(content.actions.map(escapeHtml)));
      if (content.assistance?.length) {
        const contacts = content.assistance.map((c) =>
          [
            escapeHtml(c.name),
            c.phone ? escapeHtml(c.phone) : '',
            c.email ? link(`mailto:${c.email}`, c.email) : '',
            c.url ? link(c.url, c.url) : '',
          ]
            .filter(Boolean)
            .join(', '),
        );
        parts.push('<h2>Assistance</h2>', list(contacts));
      }
      break;
    }
    case 'country-report':
      parts.push(fact('Year', String(content.year)), body, ...sections(content.sections));
      break;
    case 'special-report':
      if (content.topics?.length) parts.push(fact('Topics', escapeHtml(content.topics.join(', '))));
      parts.push(body, ...sections(content.sections));
      break;
    case 'announcement':
      parts.push(body);
      if (content.link) parts.push(`<p>${link(content.link, 'More information')}</p>`);
      break;
    case 'anniversary':
      parts.push(fact('Date', escapeHtml(day(content.date))), `<p>${escapeHtml(content.significance)}</p>`, body);
      break;
    case 'group-profile':
      if (content.aliases.length) parts.push(fact('Also known as', escapeHtml(content.aliases.join(', '))));
      if (content.areasOfOperation.length) parts.push(fact('Areas of operation', escapeHtml(content.areasOfOperation.join(', '))));
      if (content.designations.length) {
        const on = content.designatedOn ? ` (since ${day(content.designatedOn)})` : '';
        parts.push(fact('Designations', escapeHtml(`${content.designations.join(', ')}${on}`)));
      }
      parts.push(body);
      break;
    case 'press-summary': {
      const dated = content.articleDate ? `, ${day(content.articleDate)}` : '';
      parts.push(fact('Source', escapeHtml(`${content.outlet} (${content.language})${dated}`)), body);
      parts.push(`<p>${link(content.link, 'Read the original article')}</p>`);
      break;
    }
    default:
      assertNever(content, 'kind');
  }
  return sanitizeFragment(parts.filter(Boolean).join('\n'));
}
