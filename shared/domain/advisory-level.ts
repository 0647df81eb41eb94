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
