import * as z from 'zod';

/** Risk indicators of a travel advisory, keyed by their one-letter codes. */
export const RISK_INDICATORS = {
  C: 'Crime',
  T: 'Terrorism',
  U: 'Civil Unrest',
  H: 'Health',
  N: 'Natural Disaster',
  E: 'Time-limited Event',
  K: 'Kidnapping or Hostage Taking',
  D: 'Wrongful Detention',
  O: 'Other',
} as const;

export const RiskIndicatorSchema = z.enum(Object.keys(RISK_INDICATORS) as [keyof typeof RISK_INDICATORS, ...(keyof typeof RISK_INDICATORS)[]]);
export type RiskIndicator = z.infer<typeof RiskIndicatorSchema>;

export function indicatorName(indicator: RiskIndicator): string {
  return RISK_INDICATORS[indicator];
}
