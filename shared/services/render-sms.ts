import type { Version } from '../domain/publication';
import { entryTitle, publicationUrl } from '../formats/feed-entry';

/**
 * SMS text is billed per segment. GSM-7 fits 160 characters in one segment
 * and 153 per segment when split; anything outside GSM-7 switches the whole
 * message to UCS-2: 70, or 67 per segment (UTF-16 code units). Characters of
 * the GSM-7 extension table take two septets.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

export const MAX_SEGMENTS = 2;

/** Encoding, length in its units (septets or UTF-16 code units) and segments of a text. */
export function smsSegments(text: string): { encoding: 'GSM-7' | 'UCS-2'; units: number; segments: number } {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXTENDED.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  const units = text.length;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

/** Replaces typographic characters that would force UCS-2 with GSM-7 look-alikes. */
function toGsmFriendly(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[\u00A0\u2002-\u200A]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function fits(text: string): boolean {
  return smsSegments(text).segments <= MAX_SEGMENTS;
}

/**
 * One short alert: "Outpost: <title>. <summary> <link> Reply STOP to opt out",
 * at most two segments. The summary is shortened first (on a word boundary
 * where it can be), then the title; the link and the STOP notice always stay.
 */
export function renderSms(version: Version, baseUrl: string): string {
  const link = publicationUrl(baseUrl, version.id);
  const tail = ` ${link} Reply STOP to opt out`;
  const title = toGsmFriendly(entryTitle(version.content));
  const summary = toGsmFriendly(version.content.summary);
  const compose = (t: string, s: string) => `Outpost: ${t}.${s ? ` ${s}` : ''}${tail}`;
  if (fits(compose(title, summary))) return compose(title, summary);
  const ellipsis = (text: string, n: number) => {
    const cut = text.slice(0, n);
    const space = cut.lastIndexOf(' ');
    return `${(space > n * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:]+$/, '')}...`;
  };
  // Binary search the longest summary prefix that fits.
  let lo = 0;
  let hi = summary.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(compose(title, ellipsis(summary, mid)))) lo = mid;
    else hi = mid - 1;
  }
  if (lo >= 20) return compose(title, ellipsis(summary, lo));
  let t = title;
  while (t.length > 10 && !fits(compose(t, ''))) t = ellipsis(title, t.length - 10);
  return compose(t, '');
}
