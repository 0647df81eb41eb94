import * as z from 'zod';
import type { AdvisoryLevel } from './advisory-level';
import type { ContentOf, PublicationContent } from './publication-content';
import type { Kind } from './publication-kind';

/**
 * How urgent and how severe an item is, in CAP 1.2's vocabularies, so that
 * pages, feeds, CAP documents and the delivery rules (quiet hours, a
 * subscription's minimum severity) speak of it alike. A publisher may set
 * either; what they leave unset follows from the kind (the advisory level,
 * an alert's type and event window): `assessmentOf`.
 */

/** CAP `urgency`: act now, within the hour, in the near future, no longer, or not known. */
export const UrgencySchema = z.enum(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']);
export type Urgency = z.infer<typeof UrgencySchema>;

/** CAP `severity`: from extraordinary threat to life or property down to minimal threat, or not known. */
export const SeveritySchema = z.enum(['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown']);
export type Severity = z.infer<typeof SeveritySchema>;

export interface Assessment {
  urgency: Urgency;
  severity: Severity;
}

/** Travel advisories are standing assessments: only "Do Not Travel" asks for action now. */
export const ADVISORY_DEFAULTS: Readonly<Record<AdvisoryLevel, Assessment>> = {
  1: { urgency: 'Future', severity: 'Minor' },
  2: { urgency: 'Future', severity: 'Moderate' },
  3: { urgency: 'Future', severity: 'Severe' },
  4: { urgency: 'Immediate', severity: 'Extreme' },
};

type AlertType = NonNullable<ContentOf<'security-alert'>['alertType']>;

/** A security alert's severity follows what it is about; Extreme is kept for "Do Not Travel" unless the publisher says so. */
export const ALERT_SEVERITY: Readonly<Record<AlertType | 'unspecified', Severity>> = {
  terrorism: 'Severe',
  'natural-disaster': 'Severe',
  'civil-unrest': 'Moderate',
  demonstration: 'Moderate',
  crime: 'Moderate',
  health: 'Moderate',
  weather: 'Moderate',
  transport: 'Minor',
  other: 'Moderate',
  unspecified: 'Moderate',
};

const HOUR_MS = 3_600_000;

/**
 * A security alert's urgency follows its event window as seen from when it
 * is sent: under way (or no start given) is Immediate, starting within the
 * hour Expected, later Future, ended before it was sent Past.
 */
function alertUrgency(content: Pick<ContentOf<'security-alert'>, 'eventStart' | 'eventEnd'>, sentAt: string): Urgency {
  const now = Date.parse(sentAt);
  if (content.eventEnd && Date.parse(content.eventEnd) < now) return 'Past';
  const start = content.eventStart ? Date.parse(content.eventStart) : undefined;
  if (start === undefined || start <= now) return 'Immediate';
  return start - now <= HOUR_MS ? 'Expected' : 'Future';
}

/** Reports, profiles, summaries, announcements and anniversaries inform planning; nobody needs to act on them now. */
const INFORMATIONAL: Assessment = { urgency: 'Future', severity: 'Minor' };

/**
 * The assessment of each kind when its publisher sets none. A kind added to
 * KindSchema fails the typecheck here until its default is written.
 */
const KIND_DEFAULTS: { [K in Kind]: (content: ContentOf<K>, sentAt: string) => Assessment } = {
  'travel-advisory': (content) => ADVISORY_DEFAULTS[content.level],
  'security-alert': (content, sentAt) => ({ urgency: alertUrgency(content, sentAt), severity: ALERT_SEVERITY[content.alertType ?? 'unspecified'] }),
  'country-report': () => INFORMATIONAL,
  'special-report': () => INFORMATIONAL,
  announcement: () => INFORMATIONAL,
  anniversary: () => INFORMATIONAL,
  'group-profile': () => INFORMATIONAL,
  'press-summary': () => INFORMATIONAL,
};

/** What a kind's rule says, ignoring anything the publisher set. */
function defaultAssessment(content: PublicationContent, sentAt: string): Assessment {
  return (KIND_DEFAULTS[content.kind] as (c: PublicationContent, at: string) => Assessment)(content, sentAt);
}

/**
 * The urgency and severity of an item sent at `sentAt` (a version's publish
 * time): the publisher's where set, the kind's default otherwise.
 *
 * @example assessmentOf(levelFourAdvisory, publishedAt) // { urgency: 'Immediate', severity: 'Extreme' }
 */
export function assessmentOf(content: PublicationContent, sentAt: string): Assessment {
  const fallback = content.urgency && content.severity ? undefined : defaultAssessment(content, sentAt);
  return { urgency: content.urgency ?? fallback!.urgency, severity: content.severity ?? fallback!.severity };
}

/** Known severities, least first; `Unknown` is not on the scale. */
const SEVERITY_RANK: Readonly<Record<Exclude<Severity, 'Unknown'>, number>> = { Minor: 1, Moderate: 2, Severe: 3, Extreme: 4 };

/**
 * Whether an item of `severity` passes a subscription's `minimum`. An item
 * whose severity is Unknown passes every minimum: not knowing how severe
 * something is must not hide it.
 */
export function meetsSeverity(severity: Severity, minimum: Exclude<Severity, 'Unknown'> | undefined): boolean {
  if (minimum === undefined || severity === 'Unknown') return true;
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[minimum];
}

/** Extreme severity or Immediate urgency may interrupt a subscriber's quiet hours; anything else waits for them to end. */
export function interruptsQuietHours(assessment: Assessment): boolean {
  return assessment.severity === 'Extreme' || assessment.urgency === 'Immediate';
}

/** "Immediate", "Extreme": how pages and messages say it; one place so they agree. */
export function describeAssessment(assessment: Assessment): string {
  return `Urgency: ${assessment.urgency} · Severity: ${assessment.severity}`;
}
