import { create } from 'xmlbuilder2';
import { levelName, type AdvisoryLevel } from '../domain/advisory-level';
import { ADVISORY_DEFAULTS, assessmentOf, type Assessment } from '../domain/assessment';
import { countryName } from '../domain/country';
import type { Version } from '../domain/publication';
import type { ContentOf } from '../domain/publication-content';
import { indicatorName } from '../domain/risk-indicator';
import type { Sharing } from '../domain/sharing';
import { buildAtomFeed } from './atom';
import { CAP_KINDS, entryTitle, levelLabel, publicationUrl, type FeedEntry, type FeedMeta } from './feed-entry';
import { renderPlainText } from './markdown';
import { toDate, xmlSafe } from './xml-text';

/**
 * CAP 1.2 (OASIS Common Alerting Protocol) for security alerts and travel
 * advisories, so that alert aggregators (Google Public Alerts and the like)
 * can carry them. How urgency, severity and certainty are chosen is in
 * docs/cap-mapping.md: urgency and severity are the publisher's where set,
 * otherwise the defaults of shared/domain/assessment.ts; certainty is
 * derived here. The tables are that document's source of truth.
 */

/** The CAP 1.2 namespace. */
export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';
/** The media type CAP documents are served and linked with. */
export const CAP_MEDIA_TYPE = 'application/cap+xml';

/** CAP's certainty values, less `Unknown`, which Outpost never sends (urgency and severity: shared/domain/assessment.ts). */
export type CapCertainty = 'Observed' | 'Likely' | 'Possible' | 'Unlikely';
/** The CAP categories Outpost uses. */
export type CapCategory = 'Security' | 'Health' | 'Met' | 'Geo' | 'Transport';

/** An earlier alert that an Update replaces. */
export interface CapReference {
  identifier: string;
  /** When that alert was sent (any ISO 8601 instant). */
  sent: string;
}

/** What a CAP alert needs beyond the version itself. */
export interface CapOptions {
  /** The site's origin, for the `web` link. */
  baseUrl: string;
  /** CAP `sender`: globally unique, e.g. `outpost.example`; no spaces, commas, `<` or `&`. */
  sender: string;
  /** Human-readable name of the publishing organization (`senderName`). */
  senderName?: string;
  /** Earlier versions' alerts; required for every version after the first. */
  previous?: readonly CapReference[];
  /**
   * Send a later version as a first `Alert` with no references: for an
   * audience that never saw the earlier versions (they were shared more
   * narrowly), so there is nothing they could have received to update.
   */
  firstForAudience?: boolean;
}

type AlertContent = ContentOf<'security-alert'>;
type AdvisoryContent = ContentOf<'travel-advisory'>;
type AlertType = NonNullable<AlertContent['alertType']>;

/** The three CAP fields of an `info` block that say how to take it (see docs/cap-mapping.md). */
export interface CapAssessment extends Assessment {
  certainty: CapCertainty;
}

/**
 * Travel advisories are standing assessments of a country, not events: the
 * certainty is an analyst's judgment (never Observed). Urgency and severity
 * are the domain's defaults per level, unless the publisher set them.
 */
export const ADVISORY_ASSESSMENT: Readonly<Record<AdvisoryLevel, CapAssessment>> = {
  1: { ...ADVISORY_DEFAULTS[1], certainty: 'Possible' },
  2: { ...ADVISORY_DEFAULTS[2], certainty: 'Possible' },
  3: { ...ADVISORY_DEFAULTS[3], certainty: 'Likely' },
  4: { ...ADVISORY_DEFAULTS[4], certainty: 'Likely' },
};

/** Short names for CAP `event` (which must stay under 35 characters). */
const ALERT_TYPE_LABELS: Readonly<Record<AlertType, string>> = {
  demonstration: 'Demonstration',
  crime: 'Crime',
  terrorism: 'Terrorism',
  'civil-unrest': 'Civil Unrest',
  health: 'Health',
  weather: 'Weather',
  'natural-disaster': 'Natural Disaster',
  transport: 'Transport',
  other: 'Other',
};

/** Second CAP categories, beside Security, where an alert type has an obvious one. */
const ALERT_EXTRA_CATEGORY: Partial<Readonly<Record<AlertType, CapCategory>>> = {
  health: 'Health',
  weather: 'Met',
  'natural-disaster': 'Geo',
  transport: 'Transport',
};

const DAY_MS = 24 * 60 * 60 * 1000;
/** Expiry when neither `expiresAt` nor `eventEnd` says: alerts are short-lived, advisories are reviewed yearly. */
const DEFAULT_ALERT_LIFETIME_DAYS = 30;
const DEFAULT_ADVISORY_LIFETIME_DAYS = 365;
const HEADLINE_MAX = 140;

/**
 * A security alert's certainty follows its event window, seen from when the
 * alert is sent: under way, without a start, or ended is Observed; a start
 * still to come is Likely, as announced events (a planned demonstration)
 * usually happen.
 */
function alertCertainty(content: AlertContent, sent: string): CapCertainty {
  const now = toDate(sent).getTime();
  if (content.eventEnd && toDate(content.eventEnd).getTime() < now) return 'Observed';
  const start = content.eventStart ? toDate(content.eventStart).getTime() : undefined;
  return start === undefined || start <= now ? 'Observed' : 'Likely';
}

/**
 * An instant in CAP's dateTime form: UTC written as `-00:00` (CAP forbids
 * `Z`), no fractional seconds.
 *
 * @example capDateTime('2026-11-25T17:00:00.123+03:00') // '2026-11-25T14:00:00-00:00'
 */
export function capDateTime(instant: string): string {
  return toDate(instant).toISOString().replace(/\.\d{3}Z$/, '-00:00');
}

/** The CAP identifier of one version of a publication; stable, so a re-render is the same alert. */
export function capIdentifier(publicationId: string, version: number): string {
  return `urn:outpost:alert:${publicationId}:v${version}`;
}

/** What a later version's `previous` option lists for this version. */
export function capReference(version: Version): CapReference {
  return { identifier: capIdentifier(version.id, version.version), sent: version.publishedAt };
}

const CAP_TOKEN = /^[^\s,<&]+$/;

/**
 * Renders one version of a security alert or travel advisory as a CAP 1.2
 * alert: `Alert` for the first version, `Update` referencing the earlier
 * ones after that.
 *
 * @throws RangeError for other kinds, a sender CAP cannot carry, or an
 *   update without the earlier alerts it replaces.
 */
export function renderCap(version: Version, options: CapOptions): string {
  const { content } = version;
  if (content.kind !== 'security-alert' && content.kind !== 'travel-advisory') {
    throw new RangeError(`CAP is only rendered for ${[...CAP_KINDS].join(' and ')}, not ${content.kind}`);
  }
  if (!CAP_TOKEN.test(options.sender)) throw new RangeError('CAP sender must not contain spaces, commas, "<" or "&"');
  const previous = options.previous ?? [];
  const update = version.version > 1 && !options.firstForAudience;
  if (update && previous.length === 0) {
    throw new RangeError(`Version ${version.version} is a CAP Update and needs the earlier alerts it replaces`);
  }
  for (const ref of previous) {
    if (!CAP_TOKEN.test(ref.identifier)) throw new RangeError(`CAP reference identifier is not a token: ${JSON.stringify(ref.identifier)}`);
  }

  const sent = capDateTime(version.publishedAt);
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const alert = doc.ele(CAP_NS, 'alert');
  const text = (name: string, value: string) => alert.ele(name).txt(xmlSafe(value));
  text('identifier', capIdentifier(version.id, version.version));
  text('sender', options.sender);
  text('sent', sent);
  text('status', 'Actual');
  text('msgType', update ? 'Update' : 'Alert');
  const restriction = restrictionOf(content.sharing);
  text('scope', restriction ? 'Restricted' : 'Public');
  if (restriction) text('restriction', restriction);
  const note = update ? version.changeNote.trim() : '';
  if (note) text('note', note);
  if (update) {
    text('references', previous.map((p) => `${options.sender},${p.identifier},${capDateTime(p.sent)}`).join(' '));
  }

  const parts = content.kind === 'travel-advisory' ? advisoryParts(content, version.publishedAt) : alertParts(content, version.publishedAt);
  const info = alert.ele('info');
  const field = (name: string, value: string) => info.ele(name).txt(xmlSafe(value));
  field('language', 'en-US');
  for (const category of parts.categories) field('category', category);
  field('event', parts.event);
  field('urgency', parts.assessment.urgency);
  field('severity', parts.assessment.severity);
  field('certainty', parts.assessment.certainty);
  field('effective', sent);
  if (parts.onset) field('onset', capDateTime(parts.onset));
  field('expires', capDateTime(expiresOf(content, version.publishedAt)));
  if (options.senderName) field('senderName', options.senderName);
  field('headline', headline(entryTitle(content)));
  field('description', parts.description);
  if (parts.instruction) field('instruction', parts.instruction);
  field('web', publicationUrl(options.baseUrl, version.id));
  if (parts.contact) field('contact', parts.contact);
  const area = info.ele('area');
  area.ele('areaDesc').txt(xmlSafe(areaDescription(content)));
  const shapes = capShapes(content.areas);
  for (const polygon of shapes.polygons) area.ele('polygon').txt(polygon);
  for (const circle of shapes.circles) area.ele('circle').txt(circle);
  const geocodes = [
    ...content.countries.map((cc) => ['ISO 3166-1 alpha-2', cc] as const),
    ...(content.subdivisions ?? []).map((code) => ['ISO 3166-2', code] as const),
  ];
  for (const [name, value] of geocodes) {
    const geocode = area.ele('geocode');
    geocode.ele('valueName').txt(name);
    geocode.ele('value').txt(value);
  }
  return doc.end({ prettyPrint: true });
}

/** CAP `areaDesc` stays under 50 characters (alert aggregators cut or refuse longer ones). */
const AREA_DESC_MAX = 49;

/** The areas' names, if any, then the countries: "Nairobi CBD – Kenya", cut to {@link AREA_DESC_MAX}. */
function areaDescription(content: AlertContent | AdvisoryContent): string {
  const names = (content.areas?.features ?? []).flatMap((f) => (f.properties.name ? [f.properties.name] : []));
  const countries = content.countries.map(countryName).join(', ');
  const text = names.length ? `${names.join(', ')} – ${countries}` : countries;
  const chars = [...text];
  return chars.length <= AREA_DESC_MAX ? text : `${chars.slice(0, AREA_DESC_MAX - 1).join('').trimEnd()}…`;
}

/** A coordinate as CAP writes it, "lat,lon" in decimal degrees (WGS 84). */
function capPoint([lon, lat]: readonly [number, number]): string {
  return `${lat},${lon}`;
}

/**
 * CAP `polygon` and `circle` values of an item's areas: every polygon's
 * outer ring as "lat,lon" pairs, first and last equal (the input already
 * guarantees closed rings of four or more positions and no holes); every
 * circle as "lat,lon radius" in kilometres.
 */
function capShapes(areas: AlertContent['areas']): { polygons: string[]; circles: string[] } {
  const polygons: string[] = [];
  const circles: string[] = [];
  for (const { geometry, properties } of areas?.features ?? []) {
    if (geometry.type === 'Point') circles.push(`${capPoint(geometry.coordinates)} ${properties.radiusKm}`);
    else for (const rings of geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) polygons.push(rings[0]!.map(capPoint).join(' '));
  }
  return { polygons, circles };
}

interface InfoParts {
  categories: CapCategory[];
  event: string;
  assessment: CapAssessment;
  onset?: string;
  description: string;
  instruction?: string;
  contact?: string;
}

function advisoryParts(content: AdvisoryContent, sent: string): InfoParts {
  const indicators = content.indicators.map((i) => `${indicatorName(i)} (${i})`).join(', ');
  return {
    categories: ['Security'],
    event: `Travel Advisory Level ${content.level}`,
    assessment: { ...assessmentOf(content, sent), certainty: ADVISORY_ASSESSMENT[content.level].certainty },
    description: paragraphs([
      `${levelLabel(content.level)}.`,
      indicators ? `Risk indicators: ${indicators}.` : '',
      content.summary,
      renderPlainText(content.body),
    ]),
    instruction: `${levelName(content.level)}.`,
  };
}

function alertParts(content: AlertContent, sent: string): InfoParts {
  const type = content.alertType;
  const extra = type ? ALERT_EXTRA_CATEGORY[type] : undefined;
  const window = [content.eventStart ? `from ${content.eventStart}` : '', content.eventEnd ? `until ${content.eventEnd}` : ''].filter(Boolean);
  const contact = (content.assistance ?? []).map((c) => [c.name, c.phone, c.email, c.url].filter(Boolean).join(', ')).join('; ');
  const parts: InfoParts = {
    categories: extra ? ['Security', extra] : ['Security'],
    event: type && type !== 'other' ? `Security Alert: ${ALERT_TYPE_LABELS[type]}` : 'Security Alert',
    assessment: { ...assessmentOf(content, sent), certainty: alertCertainty(content, sent) },
    description: paragraphs([
      content.summary,
      window.length ? `When: ${window.join(' ')}.` : '',
      content.places?.length ? `Where: ${content.places.join('; ')}.` : '',
      renderPlainText(content.body),
    ]),
    instruction: content.actions.map((a) => `- ${a}`).join('\n'),
  };
  if (content.eventStart) parts.onset = content.eventStart;
  if (contact) parts.contact = contact;
  return parts;
}

/** `expiresAt` if set, else the event's end, else a default lifetime from publication. */
function expiresOf(content: AlertContent | AdvisoryContent, publishedAt: string): string {
  if (content.expiresAt) return content.expiresAt;
  if (content.kind === 'security-alert' && content.eventEnd) return content.eventEnd;
  const days = content.kind === 'security-alert' ? DEFAULT_ALERT_LIFETIME_DAYS : DEFAULT_ADVISORY_LIFETIME_DAYS;
  return new Date(toDate(publishedAt).getTime() + days * DAY_MS).toISOString();
}

/** Only TLP:CLEAR is Public; anything else is Restricted, with the rule in words. */
function restrictionOf(sharing: Sharing): string | undefined {
  switch (sharing) {
    case 'TLP:CLEAR':
      return undefined;
    case 'TLP:GREEN':
      return 'TLP:GREEN: Outpost member organizations only.';
    case 'TLP:AMBER':
      return 'TLP:AMBER: the organizations named by the publisher only.';
  }
}

function headline(title: string): string {
  const chars = [...title];
  return chars.length <= HEADLINE_MAX ? title : `${chars.slice(0, HEADLINE_MAX - 1).join('').trimEnd()}…`;
}

function paragraphs(parts: readonly string[]): string {
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join('\n\n');
}

/**
 * The CAP index: an Atom feed whose entries point at `/cap/{id}.xml` with
 * type `application/cap+xml` (the CAP-over-Atom convention aggregators
 * poll), each also linking to its HTML page.
 *
 * @throws RangeError for an entry of a kind that has no CAP document.
 */
export function renderCapIndex(feed: FeedMeta, entries: readonly FeedEntry[]): string {
  return buildAtomFeed(feed, entries, (entry) => {
    if (!entry.capUrl) throw new RangeError(`${entry.data.kind} ${entry.data.publicationId} has no CAP document`);
    return [
      { rel: 'alternate', type: CAP_MEDIA_TYPE, href: entry.capUrl },
      { rel: 'related', type: 'text/html', href: entry.link },
    ];
  });
}
