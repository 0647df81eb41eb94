import { parseContent, type Version } from '../../../shared/domain/publication';
import type { FeedMeta } from '../../../shared/formats/feed-entry';

/** Published versions of every kind, validated by the real content schema so fixtures cannot drift from it. */

export const BASE_URL = 'https://outpost.example';
const ORG = '01J9Z8Y7X6W5V4T3S2R1Q0P9N8';

/** What a test feed says about itself. */
export const FEED_META: FeedMeta = {
  id: 'urn:outpost:feed:all',
  title: 'Outpost – all publications',
  description: 'Travel advisories, alerts & reports',
  selfUrl: `${BASE_URL}/feeds/all.atom`,
  siteUrl: `${BASE_URL}/`,
  updated: '2026-03-01T09:30:00Z',
};

let seq = 0;
/** A ULID-shaped id, unique per call. */
function nextId(): string {
  seq += 1;
  return `01JAAAAAAAAAAAAAAAAAAA${String(seq).padStart(4, '0')}`;
}

type Extra = Record<string, unknown>;

// eslint-disable-next-line no-control-regex -- stands in for exactly the characters the schema refuses
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * The content schema's result, or, for text the schema now refuses (line
 * breaks in one-line fields, control characters), the same content with that
 * text kept raw, as it may be stored from before the rule: the formats must
 * cope with it either way (defence in depth).
 */
function contentOf(input: Extra): ReturnType<typeof parseContent> {
  try {
    return parseContent(input);
  } catch {
    const clean = JSON.parse(JSON.stringify(input, (_key, value: unknown) => (typeof value === 'string' ? value.replace(CONTROLS, 'x') : value))) as Extra;
    const parsed = parseContent(clean);
    const raw = Object.fromEntries(Object.entries(input).filter(([key, value]) => key !== 'kind' && JSON.stringify(value) !== JSON.stringify(clean[key])));
    return { ...parsed, content: { ...parsed.content, ...raw } as typeof parsed.content };
  }
}

/** Builds a version from content input, the way the publish service would. */
export function versionOf(input: Extra, extra: Partial<Omit<Version, 'content' | 'regions'>> = {}): Version {
  const { content, regions } = contentOf(input);
  return {
    id: extra.id ?? nextId(),
    version: extra.version ?? 1,
    content,
    regions,
    orgId: ORG,
    changeNote: extra.changeNote ?? 'First published.',
    major: extra.major ?? true,
    publishedAt: extra.publishedAt ?? '2026-03-01T09:30:00.250Z',
    publishedBy: 'publisher',
  };
}

const envelope = {
  summary: 'Crime is common in Nairobi.',
  body: 'Violent crime **occurs**.\n\n- Avoid walking at night.\n- Keep valuables out of sight.',
  sharing: 'TLP:CLEAR',
};

export function advisoryInput(extra: Extra = {}): Extra {
  return { kind: 'travel-advisory', title: 'Kenya Travel Advisory', countries: ['KE'], level: 2, indicators: ['C', 'T', 'K'], ...envelope, ...extra };
}

export function alertInput(extra: Extra = {}): Extra {
  return {
    kind: 'security-alert',
    title: 'Demonstration near the embassy',
    countries: ['MX'],
    ...envelope,
    summary: 'A demonstration is planned on Paseo de la Reforma.',
    alertType: 'demonstration',
    places: ['Mexico City', 'Paseo de la Reforma'],
    eventStart: '2026-03-02T15:00:00-06:00',
    eventEnd: '2026-03-02T20:00:00-06:00',
    actions: ['Avoid the area.', 'Monitor local media.'],
    assistance: [{ name: 'U.S. Embassy Mexico City', phone: '+52 55 8526 2561', email: 'acs@example.gov', url: 'https://mx.usembassy.gov/' }],
    ...extra,
  };
}

export function anniversaryInput(extra: Extra = {}): Extra {
  return {
    kind: 'anniversary',
    title: 'Anniversary of the Westgate attack',
    countries: ['KE'],
    ...envelope,
    date: '2013-09-21',
    significance: 'Extremist groups have marked the date with propaganda.',
    ...extra,
  };
}

/** One valid content input of each of the eight kinds. */
export function everyKindInput(): Extra[] {
  return [
    advisoryInput(),
    alertInput(),
    { kind: 'country-report', title: 'Kenya 2026 Crime and Safety Report', countries: ['KE'], ...envelope, year: 2026, sections: [{ heading: 'Crime', body: 'Street crime is **common**.' }, { heading: 'Terrorism', body: 'Al-Shabaab remains active.' }] },
    { kind: 'special-report', title: 'Elections in East Africa', countries: ['KE', 'TZ', 'UG'], ...envelope, topics: ['elections', 'unrest'], sections: [{ heading: 'Outlook', body: 'Tension is expected.' }] },
    { kind: 'announcement', title: 'New portal', countries: ['US'], ...envelope, link: 'https://outpost.example/news' },
    anniversaryInput(),
    { kind: 'group-profile', title: 'Al-Shabaab', countries: ['SO', 'KE'], ...envelope, aliases: ['Harakat al-Shabaab al-Mujahideen'], areasOfOperation: ['Somalia', 'northeastern Kenya'], designations: ['FTO', 'SDGT'], designatedOn: '2008-03-18' },
    { kind: 'press-summary', title: 'Press on fuel protests', countries: ['NG'], ...envelope, outlet: 'Punch', language: 'en', link: 'https://punchng.example/article', articleDate: '2026-02-27' },
  ];
}

/**
 * Text that looks like XML or HTML entity references. The test DOM parser
 * (xmlbuilder2's) decodes numeric references twice, so text holding these is
 * read back with libxml2 (`xpathString`) instead.
 */
export const ENTITY_LOOKALIKES = 'x &#39; &#x41; &lt;i&gt; &amp; &foo; & y';

/** Content no kind-specific code has seen: Unicode, XML metacharacters and an injection attempt. */
export const HOSTILE = {
  title: 'Côte d’Ivoire & “Ünïcödé” <b>bold</b> ]]> \'quotes\' "double" 😀 مرحبا &lt;i&gt; &foo;',
  summary: 'Summary with <script>alert("x")</script> & ampersands < less-than ]]> &amp; &nbsp;',
  body: '<script>alert(1)</script>\n\n<iframe src="https://evil.example"></iframe>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n**bold** & < > " \' — 日本語',
};

