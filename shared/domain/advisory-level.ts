import * as z from 'zod';

/** Travel advisory levels and their plain-language names. */
export const ADVISORY_LEVELS = {
  1: 'Exercise Normal Precautions',
  2: 'Exercise Increased Caution',
  3: 'Reconsider Travel',
  4: 'Do Not Travel',
} as const;

export const AdvisoryLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type AdvisoryLevel = z.infer<typeof AdvisoryLevelSchema>;

export function levelName(level: AdvisoryLevel): string {
  return ADVISORY_LEVELS[level];
}

/**
 * The levels a piece of text names, by number ("Level 3") or by name
 * ("Do not travel"), case-insensitive. A travel advisory whose summary
 * names a level other than its level field is probably a copy of an older
 * one, so the console warns about it.
 *
 * @example levelsNamedIn('Level 3: reconsider travel to the north') // [3]
 */
export function levelsNamedIn(text: string): AdvisoryLevel[] {
  const found = new Set<AdvisoryLevel>();
  for (const match of text.matchAll(/\blevel\s*([1-4])\b/gi)) found.add(Number(match[1]) as AdvisoryLevel);
  const lower = text.toLowerCase();
  for (const [level, name] of Object.entries(ADVISORY_LEVELS)) if (lower.includes(name.toLowerCase())) found.add(Number(level) as AdvisoryLevel);
  return [...found].sort();
}

/** What each level means, in one line: shown beside every level badge and on the levels page. */
const LEVEL_MEANINGS: Readonly<Record<AdvisoryLevel, string>> = {
  1: 'The lowest level: take the usual care; there is some risk anywhere in the world.',
  2: 'Be aware of heightened risks to safety and security.',
  3: 'Avoid travel because of serious risks to safety and security.',
  4: 'Life-threatening risks are likely and help may be unavailable: do not go.',
};

export function levelMeaning(level: AdvisoryLevel): string {
  return LEVEL_MEANINGS[level];
}
