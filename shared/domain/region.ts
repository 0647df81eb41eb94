import * as z from 'zod';

/** The Department of State's six geographic bureaus, used as Outpost's regions. */
const REGIONS = {
  AF: 'Africa',
  EAP: 'East Asia and Pacific',
  EUR: 'Europe and Eurasia',
  NEA: 'Near East',
  SCA: 'South and Central Asia',
  WHA: 'Western Hemisphere',
} as const;

export const RegionSchema = z.enum(Object.keys(REGIONS) as [keyof typeof REGIONS, ...(keyof typeof REGIONS)[]]);
export type Region = z.infer<typeof RegionSchema>;

export const REGION_CODES = RegionSchema.options;

export function regionName(region: Region): string {
  return REGIONS[region];
}
