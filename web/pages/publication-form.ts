import { ADVISORY_LEVELS } from '../../shared/domain/advisory-level';
import { SeveritySchema, UrgencySchema } from '../../shared/domain/assessment';
import { AlertTypeSchema, DesignationSchema, type PublicationContent } from '../../shared/domain/publication-content';
import { countryFromText } from '../../shared/domain/country-names';
import type { Kind } from '../../shared/domain/publication-kind';
import { RISK_INDICATORS } from '../../shared/domain/risk-indicator';

/**
 * The compose and edit forms, as data: which fields each kind has (after
 * shared/domain/publication-content.ts), how a field's form value becomes
 * content, and how content becomes form values again. One component
 * renders any kind from this list, so a new field is one entry here.
 */

export type FieldType =
  | 'text'
  | 'textarea'
  | 'markdown'
  | 'lines'
  | 'countries'
  | 'select'
  | 'number-select'
  | 'checkboxes'
  | 'sharing'
  | 'recipients'
  | 'date'
  | 'instant'
  | 'number'
  | 'url'
  | 'sections'
  | 'contacts'
  | 'codes'
  | 'geojson'
  | 'area-levels';

export interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  hint?: string;
  options?: readonly { value: string; label: string }[];
}

/** Raw values as a form posts them: one string per input, a list for checkboxes. */
export type FormValues = Record<string, string | string[]>;

const ENVELOPE_HEAD: FieldSpec[] = [
  { name: 'title', label: 'Title', type: 'text', required: true },
  { name: 'countries', label: 'Countries', type: 'countries', required: true, hint: 'Choose each country by its name or two-letter code, e.g. Kenya or KE.' },
  { name: 'summary', label: 'Summary', type: 'textarea', required: true, hint: 'One or two sentences; shown in lists, feeds and messages.' },
  {
    name: 'areas',
    label: 'Areas (GeoJSON)',
    type: 'geojson',
    hint: 'Optional: where in the countries this applies, as a GeoJSON FeatureCollection of Polygons, or Points with a radiusKm property (circles). Draw on the map, or paste GeoJSON. Leave empty for the whole country.',
  },
  { name: 'subdivisions', label: 'Subdivisions', type: 'codes', hint: 'Optional: ISO 3166-2 codes separated by commas or spaces, e.g. KE-30 (Nairobi).' },
];

const ENVELOPE_TAIL: FieldSpec[] = [
  { name: 'body', label: 'Body', type: 'markdown', required: true, hint: 'Markdown: ## headings, **bold**, lists, [links](https://…). Use Preview to check it.' },
  { name: 'sharing', label: 'Sharing (Traffic Light Protocol)', type: 'sharing', required: true },
  { name: 'recipients', label: 'Organizations for TLP:AMBER', type: 'recipients', hint: 'Only for TLP:AMBER: the member organizations that may read it, besides yours.' },
  { name: 'expiresAt', label: 'Expires at (UTC)', type: 'instant', hint: 'Withdrawn from listings and feeds at this time.' },
  {
    name: 'urgency',
    label: 'Urgency (CAP)',
    type: 'select',
    hint: 'Immediate may interrupt subscribers’ quiet hours. Left at the default, it follows the kind (a Level 4 advisory or an alert under way is Immediate).',
    options: [{ value: '', label: 'Default for the kind' }, ...UrgencySchema.options.map((v) => ({ value: v, label: v }))],
  },
  {
    name: 'severity',
    label: 'Severity (CAP)',
    type: 'select',
    hint: 'Extreme may interrupt subscribers’ quiet hours. Left at the default, it follows the kind (Level 4 is Extreme, Level 1 Minor; an alert by its type).',
    options: [{ value: '', label: 'Default for the kind' }, ...SeveritySchema.options.map((v) => ({ value: v, label: v }))],
  },
];

const opts = (values: readonly string[]) => values.map((v) => ({ value: v, label: v.replace(/-/g, ' ').replace(/^./, (x) => x.toUpperCase()) }));

const KIND_FIELDS: Record<Kind, FieldSpec[]> = {
  'travel-advisory': [
    { name: 'level', label: 'Advisory level', type: 'number-select', required: true, options: Object.entries(ADVISORY_LEVELS).map(([v, l]) => ({ value: v, label: `Level ${v}: ${l}` })) },
    { name: 'indicators', label: 'Risk indicators', type: 'checkboxes', options: Object.entries(RISK_INDICATORS).map(([v, l]) => ({ value: v, label: `${v} – ${l}` })) },
    {
      name: 'areaLevels',
      label: 'Levels for parts of the country',
      type: 'area-levels',
      hint: 'Optional, one part per line: level | ISO 3166-2 codes | why, e.g. “4 | MX-COL MX-GRO | Crime and kidnapping.” Only parts whose level differs from the country’s.',
    },
  ],
  'security-alert': [
    { name: 'alertType', label: 'Type of alert', type: 'select', options: [{ value: '', label: 'Not stated' }, ...opts(AlertTypeSchema.options)] },
    { name: 'places', label: 'Places', type: 'lines', hint: 'One place per line.' },
    { name: 'eventStart', label: 'Event starts (UTC)', type: 'instant' },
    { name: 'eventEnd', label: 'Event ends (UTC)', type: 'instant' },
    { name: 'actions', label: 'Actions to take', type: 'lines', required: true, hint: 'One action per line, e.g. “Avoid the area”.' },
    { name: 'assistance', label: 'Assistance contacts', type: 'contacts', hint: 'One contact per line: name | phone | email | web address (leave parts empty as needed).' },
  ],
  'country-report': [
    { name: 'year', label: 'Report year', type: 'number', required: true },
    { name: 'sections', label: 'Sections', type: 'sections', required: true, hint: 'Start each section with a line “## Heading”; Markdown below it is the section’s text.' },
  ],
  'special-report': [
    { name: 'topics', label: 'Topics', type: 'lines', hint: 'One topic per line.' },
    { name: 'sections', label: 'Sections', type: 'sections', hint: 'Start each section with a line “## Heading”.' },
  ],
  announcement: [{ name: 'link', label: 'Link', type: 'url', hint: 'A page with more information.' }],
  anniversary: [
    { name: 'date', label: 'Date of the original event', type: 'date', required: true },
    { name: 'significance', label: 'Why it matters', type: 'textarea', required: true },
  ],
  'group-profile': [
    { name: 'aliases', label: 'Names and aliases', type: 'lines', hint: 'One per line.' },
    { name: 'areasOfOperation', label: 'Areas of operation', type: 'lines', hint: 'One per line.' },
    { name: 'designations', label: 'Designations', type: 'checkboxes', options: DesignationSchema.options.map((d) => ({ value: d, label: d })) },
    { name: 'designatedOn', label: 'Designated on', type: 'date' },
  ],
  'press-summary': [
    { name: 'outlet', label: 'Outlet', type: 'text', required: true },
    { name: 'language', label: 'Language', type: 'text', required: true, hint: 'A language tag such as es or pt-BR.' },
    { name: 'link', label: 'Link to the article', type: 'url', required: true },
    { name: 'articleDate', label: 'Article date', type: 'date' },
  ],
};

/** Every field of a kind's form, in order. */
export function fieldsOf(kind: Kind): FieldSpec[] {
  return [...ENVELOPE_HEAD, ...KIND_FIELDS[kind], ...ENVELOPE_TAIL];
}

const str = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).replace(/\r\n/g, '\n');
const list = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);
const lines = (v: string): string[] =>
  v
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** `datetime-local` (no zone) read as UTC, to an ISO instant; anything else passes through for the schema to judge. */
function instantFrom(v: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v) ? `${v.length === 16 ? `${v}:00` : v}Z` : v;
}

function sectionsFrom(v: string): { heading: string; body: string }[] {
  const sections: { heading: string; body: string }[] = [];
  for (const line of v.split('\n')) {
    const heading = /^##\s+(.*)$/.exec(line);
    if (heading) sections.push({ heading: heading[1]!.trim(), body: '' });
    else if (sections.length === 0 && line.trim()) sections.push({ heading: '', body: line });
    else if (sections.length) sections[sections.length - 1]!.body += `${sections[sections.length - 1]!.body ? '\n' : ''}${line}`;
  }
  return sections.map((s) => ({ heading: s.heading, body: s.body.trim() }));
}

function contactsFrom(v: string) {
  return lines(v).map((line) => {
    const [name = '', phone = '', email = '', url = ''] = line.split('|').map((p) => p.trim());
    return { name, ...(phone ? { phone } : {}), ...(email ? { email } : {}), ...(url ? { url } : {}) };
  });
}

const codesFrom = (v: string): string[] =>
  v
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);

/** Pasted JSON as a value, or the text itself for the schema to refuse. */
function jsonOrText(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** `4 | MX-COL MX-GRO | why [| {GeoJSON Feature}]` per line. */
function areaLevelsFrom(v: string) {
  return lines(v).map((line) => {
    const [level = '', codes = '', note = '', ...area] = line.split('|').map((p) => p.trim());
    const subdivisions = codesFrom(codes);
    return {
      level: /^\d+$/.test(level) ? Number(level) : level,
      ...(subdivisions.length ? { subdivisions } : {}),
      note,
      ...(area.length ? { area: jsonOrText(area.join('|')) } : {}),
    };
  });
}

/** One field's content value; undefined when an optional field was left empty. */
function valueOf(field: FieldSpec, values: FormValues): unknown {
  const raw = str(values[field.name]);
  switch (field.type) {
    case 'countries': {
      // Names and codes from the country picker; a text naming no country goes on as typed, for the schema to refuse.
      const texts = list(values[field.name])
        .flatMap((v) => v.split(/[,;]/))
        .map((v) => v.trim())
        .flatMap((v) => (/^[A-Za-z]{2}(\s+[A-Za-z]{2})+$/.test(v) ? v.split(/\s+/) : v ? [v] : []));
      return [...new Set(texts.map((text) => countryFromText(text)?.code ?? text))];
    }
    case 'lines':
      return raw.trim() || field.required ? lines(raw) : undefined;
    case 'checkboxes':
      return list(values[field.name]);
    case 'recipients': {
      const chosen = list(values[field.name]);
      return chosen.length ? chosen : undefined;
    }
    case 'number-select':
    case 'number':
      return raw.trim() === '' ? undefined : /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
    case 'instant':
      return raw.trim() ? instantFrom(raw.trim()) : undefined;
    case 'sections':
      return raw.trim() || field.required ? sectionsFrom(raw) : undefined;
    case 'contacts':
      return raw.trim() ? contactsFrom(raw) : undefined;
    case 'markdown':
      return raw;
    case 'codes':
      return raw.trim() ? codesFrom(raw) : undefined;
    case 'geojson':
      return raw.trim() ? jsonOrText(raw) : undefined;
    case 'area-levels':
      return raw.trim() ? areaLevelsFrom(raw) : undefined;
    default:
      return raw.trim() === '' && !field.required ? undefined : raw;
  }
}

/**
 * Content input for createDraft from posted form values. With `clear`, an
 * empty optional field becomes `null` (an edit clears it) instead of being left out.
 */
export function contentFromForm(kind: Kind, values: FormValues, options: { clear?: boolean } = {}): Record<string, unknown> {
  const content: Record<string, unknown> = { kind };
  for (const field of fieldsOf(kind)) {
    const value = valueOf(field, values);
    if (value !== undefined) content[field.name] = value;
    else if (options.clear) content[field.name] = null;
  }
  return content;
}

/** `2026-05-04T08:00:00Z` → `2026-05-04T08:00` for a datetime-local input (UTC). */
function instantToInput(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 16);
}

/** Form values showing existing content, for the edit form. */
export function formFromContent(content: PublicationContent): FormValues {
  const c = content as Record<string, unknown>;
  const values: FormValues = {};
  for (const field of fieldsOf(content.kind)) {
    const v = c[field.name];
    if (v === undefined || v === null) continue;
    switch (field.type) {
      case 'countries':
        values[field.name] = (v as string[]).map(String);
        break;
      case 'codes':
        values[field.name] = (v as string[]).join(', ');
        break;
      case 'geojson':
        values[field.name] = JSON.stringify(v);
        break;
      case 'area-levels':
        values[field.name] = (v as { level: number; subdivisions?: string[]; note: string; area?: unknown }[])
          .map((x) => [String(x.level), (x.subdivisions ?? []).join(' '), x.note, ...(x.area ? [JSON.stringify(x.area)] : [])].join(' | '))
          .join('\n');
        break;
      case 'lines':
        values[field.name] = (v as string[]).join('\n');
        break;
      case 'checkboxes':
      case 'recipients':
        values[field.name] = (v as string[]).map(String);
        break;
      case 'instant':
        values[field.name] = instantToInput(String(v));
        break;
      case 'sections':
        values[field.name] = (v as { heading: string; body: string }[]).map((s) => `## ${s.heading}\n${s.body}`).join('\n\n');
        break;
      case 'contacts':
        values[field.name] = (v as { name: string; phone?: string; email?: string; url?: string }[])
          .map((x) => [x.name, x.phone ?? '', x.email ?? '', x.url ?? ''].join(' | ').replace(/( \| )+$/, ''))
          .join('\n');
        break;
      default:
        values[field.name] = String(v);
    }
  }
  return values;
}

/** Posted form data (from `parseBody({ all: true })`) as FormValues, dropping files. */
export function formValues(body: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') values[key] = value;
    else if (Array.isArray(value)) values[key] = value.filter((x): x is string => typeof x === 'string');
  }
  return values;
}
