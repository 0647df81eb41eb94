import type { Sharing } from '../../domain/sharing';

/** CLEAR and GREEN partitions hold everyone's items of that level; AMBER items are filtered by organization. */
export type ListingAudience = 'CLEAR' | 'GREEN' | 'AMBER';

export function audienceOf(sharing: Sharing): ListingAudience {
  return sharing === 'TLP:CLEAR' ? 'CLEAR' : sharing === 'TLP:GREEN' ? 'GREEN' : 'AMBER';
}

/** Listing scopes, the `{scope}` of a listing partition: everything, a country, a region, a kind. */
export const scopes = {
  all: 'all',
  country: (cc: string) => `c:${cc}`,
  region: (region: string) => `r:${region}`,
  kind: (kind: string) => `k:${kind}`,
};
