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
