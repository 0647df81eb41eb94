import type { Version } from '../domain/publication';
import type { PublicationContent, Section } from '../domain/publication-content';

/**
 * One field that changed between two versions. Scalars carry `before` and
 * `after`; lists of codes (countries, indicators) say what was `added` and
 * `removed`; body sections are matched by heading and say which were
 * `added`, `removed` or `changed`.
 */
export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
  added?: string[];
  removed?: string[];
  changed?: string[];
}

/** What changed from one version to the next one a reader saw. */
export interface VersionDiff {
  /** The earlier version compared against; null for the first version. */
  from: number | null;
  to: number;
  changeNote: string;
  major: boolean;
  changes: FieldChange[];
}

/** Fields never shown in a diff: the kind cannot change, and recipients name organizations. */
const HIDDEN: ReadonlySet<string> = new Set(['kind', 'recipients']);
/** Code lists compared as sets. */
const SET_FIELDS: ReadonlySet<string> = new Set(['countries', 'indicators', 'designations', 'aliases', 'areasOfOperation', 'topics', 'places', 'actions']);
/** The order fields are reported in: the ones readers look for first. */
const ORDER = ['title', 'level', 'indicators', 'countries', 'summary', 'body', 'sections'];

function rank(field: string): number {
  const i = ORDER.indexOf(field);
  return i === -1 ? ORDER.length : i;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function setChange(field: string, before: readonly string[], after: readonly string[]): FieldChange | undefined {
  const added = after.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !after.includes(x));
  if (added.length === 0 && removed.length === 0) return undefined;
  return { field, added, removed };
}

function sectionChange(before: readonly Section[], after: readonly Section[]): FieldChange | undefined {
  const old = new Map(before.map((s) => [s.heading, s.body]));
  const now = new Map(after.map((s) => [s.heading, s.body]));
  const added = [...now.keys()].filter((h) => !old.has(h));
  const removed = [...old.keys()].filter((h) => !now.has(h));
  const changed = [...now.keys()].filter((h) => old.has(h) && old.get(h) !== now.get(h));
  const reordered = added.length === 0 && removed.length === 0 && changed.length === 0 && !same([...old.keys()], [...now.keys()]);
  if (!added.length && !removed.length && !changed.length && !reordered) return undefined;
  return { field: 'sections', added, removed, changed, ...(reordered ? { before: [...old.keys()], after: [...now.keys()] } : {}) };
}

/**
 * The fields that changed between two versions of one publication (level,
 * indicators, summary, body, sections, countries, title and every other
 * content field), most important first. Pure.
 *
 * @example
 *   diffVersions(v1, v2).changes
 *   // [{ field: 'level', before: 2, after: 3 }, { field: 'indicators', added: ['U'], removed: [] }]
 */
export function diffVersions(before: Version | undefined, after: Version): VersionDiff {
  const result: VersionDiff = { from: before?.version ?? null, to: after.version, changeNote: after.changeNote, major: after.major, changes: [] };
  if (!before) return result;
  const a = before.content as Record<string, unknown> & PublicationContent;
  const b = after.content as Record<string, unknown> & PublicationContent;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => !HIDDEN.has(f));
  for (const field of fields) {
    const x = a[field];
    const y = b[field];
    if (same(x, y)) continue;
    let change: FieldChange | undefined;
    if (field === 'sections') change = sectionChange((x as Section[] | undefined) ?? [], (y as Section[] | undefined) ?? []);
    else if (SET_FIELDS.has(field)) change = setChange(field, (x as string[] | undefined) ?? [], (y as string[] | undefined) ?? []);
    else change = { field, ...(x === undefined ? {} : { before: x }), ...(y === undefined ? {} : { after: y }) };
    // A list that only changed order is no change for a reader.
    if (change) result.changes.push(change);
  }
  result.changes.sort((p, q) => rank(p.field) - rank(q.field) || (p.field < q.field ? -1 : 1));
  return result;
}
