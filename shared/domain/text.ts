import * as z from 'zod';

/**
 * What text fields may hold. A one-line field (a title, a name, a place)
 * ends up in places where a line break or another control character changes
 * meaning: an email Subject header, a feed title, an SMS line, a CAP
 * headline. Prose fields (summaries, bodies) may break lines but hold no
 * other controls.
 *
 * @example
 * const TitleSchema = oneLine(200);
 * TitleSchema.safeParse('Curfew\r\nBcc: everyone@example.com').success // false
 */

/** C0 and C1 controls (line feed and carriage return among them), DEL, and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is what this module is for
const LINE_BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Controls other than tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex -- as above
const CONTROLS_IN_PROSE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const ONE_LINE_MESSAGE = 'must be one line, without line breaks or control characters';

/** True when `value` may stand on one line: no control character, no line or paragraph separator. */
function isOneLine(value: string): boolean {
  return !LINE_BREAKS_AND_CONTROLS.test(value);
}

/** A required one-line field: trimmed, 1 to `max` characters, no line breaks or control characters. */
export function oneLine(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(isOneLine, ONE_LINE_MESSAGE);
}

/** Like `oneLine`, but may be empty (optional contact details). */
export function oneLineOrEmpty(max: number) {
  return z.string().trim().max(max, `must be at most ${max} characters`).refine(isOneLine, ONE_LINE_MESSAGE);
}

const PROSE_MESSAGE = 'must not contain control characters other than line breaks and tabs';
const isProse = (value: string) => !CONTROLS_IN_PROSE.test(value);

/** Required prose (a summary, a note): trimmed, 1 to `max` characters, line breaks and tabs allowed, no other control characters. */
export function prose(max: number) {
  return z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`).refine(isProse, PROSE_MESSAGE);
}

/** A Markdown body: kept as written (leading spaces mean something), may be empty, no control characters but line breaks and tabs. */
export function markdownText(max: number) {
  return z.string().max(max, `must be at most ${max} characters`).refine(isProse, PROSE_MESSAGE);
}

/**
 * A value made safe for a message header whatever the transport: every run
 * of control characters and line separators becomes one space. Schemas
 * refuse such text at the edge; this is the last guard for anything stored
 * before that, or built from several fields.
 */
export function headerValue(value: string): string {
  // eslint-disable-next-line no-control-regex -- as above
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}
