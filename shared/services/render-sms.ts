import { countryName } from '../domain/country';
import type { Version } from '../domain/publication';
import { KIND_LABELS } from '../domain/publication-kind';
import { entryTitle, publicationUrl } from '../formats/entry-title';

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

const MAX_SEGMENTS = 2;

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

/** Replaces typographic characters that would force UCS-2 with GSM-7 look-alikes, and drops accents GSM-7 lacks ("Côte" → "Cote"). */
function toGsmFriendly(text: string): string {
  const typographic = text
    .replace(/[\u2018\u2019\u201A\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[\u00A0\u2002-\u200A]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let out = '';
  for (const ch of typographic) {
    if (BASIC.has(ch) || EXTENDED.has(ch)) {
      out += ch;
      continue;
    }
    // Only when the whole base letter is GSM-7: a script GSM-7 lacks stays as it is (and the message is UCS-2).
    const folded = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += folded.length > 0 && [...folded].every((c) => BASIC.has(c)) ? folded : ch;
  }
  return out;
}

function fits(text: string): boolean {
  return smsSegments(text).segments <= MAX_SEGMENTS;
}

const STOP_NOTICE = ' Reply STOP to opt out';

/**
 * One short alert, at most two segments:
 * "Outpost: <title>. <summary> <link> Unsubscribe: <short link> Reply STOP to opt out".
 * What gives way, in order: the summary (shortened on a word boundary where
 * it can be, then dropped), the STOP notice, then the title: when too little
 * of it would be left (text GSM-7 cannot carry leaves 134 UCS-2 units for
 * everything), it is replaced by the kind and countries in GSM-7, e.g.
 * "Security Alert: Kenya". The two links
 * always stay: every message carries an unsubscribe link (docs/architecture.md), which
 * for SMS is the short `/u/<code>` one.
 */
export function renderSms(version: Version, baseUrl: string, unsubscribeUrl?: string): string {
  const links = ` ${publicationUrl(baseUrl, version.id)}${unsubscribeUrl ? ` Unsubscribe: ${unsubscribeUrl}` : ''}`;
  const title = toGsmFriendly(entryTitle(version.content));
  const summary = toGsmFriendly(version.content.summary);
  const compose = (t: string, s: string, stop: boolean) => `Outpost:${t ? ` ${t}.` : ''}${s ? ` ${s}` : ''}${links}${stop ? STOP_NOTICE : ''}`;
  const ellipsis = (text: string, n: number) => {
    const cut = text.slice(0, n);
    const space = cut.lastIndexOf(' ');
    return `${(space > n * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:]+$/, '')}...`;
  };
  /** The longest prefix length n of `text` (0..max) for which `ok(n)` holds; ok is monotone. */
  const longest = (max: number, ok: (n: number) => boolean) => {
    let lo = 0;
    let hi = max;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (ok(mid)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  if (fits(compose(title, summary, true))) return compose(title, summary, true);
  const kept = longest(summary.length, (n) => fits(compose(title, ellipsis(summary, n), true)));
  if (kept >= 20) return compose(title, ellipsis(summary, kept), true);
  if (fits(compose(title, '', true))) return compose(title, '', true);
  if (fits(compose(title, '', false))) return compose(title, '', false);
  const titleKept = longest(title.length, (n) => fits(compose(ellipsis(title, n), '', false)));
  if (titleKept >= 20) return compose(ellipsis(title, titleKept), '', false);
  const generic = toGsmFriendly(`${KIND_LABELS[version.content.kind]}: ${version.content.countries.map(countryName).join(', ')}`);
  if (fits(compose(generic, '', true))) return compose(generic, '', true);
  if (fits(compose(generic, '', false))) return compose(generic, '', false);
  const genericKept = longest(generic.length, (n) => fits(compose(ellipsis(generic, n), '', false)));
  // Below a few characters a title says nothing: the links alone (they always fit a sane base URL).
  return genericKept >= 4 ? compose(ellipsis(generic, genericKept), '', false) : compose('', '', false);
}
