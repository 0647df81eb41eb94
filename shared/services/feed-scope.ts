import { findCountry } from '../domain/country';
import { KIND_LABELS, KindSchema, type Kind } from '../domain/publication-kind';
import { RegionSchema, regionName, type Region } from '../domain/region';
import type { PublicationQuery } from '../ports/publication-store';

/**
 * What a public feed covers: everything, one country, one region or one
 * kind. Each scope maps to exactly one listing partition in the store, so a
 * feed is one Query.
 */
export type FeedScope =
  | { type: 'all' }
  | { type: 'country'; code: string; name: string }
  | { type: 'region'; code: Region; name: string }
  | { type: 'kind'; kind: Kind; name: string };

/** The scope named by the path segments after `/feeds/`, or undefined for one that does not exist. */
export function parseFeedScope(type: 'all' | 'countries' | 'regions' | 'kinds', value?: string): FeedScope | undefined {
  switch (type) {
    case 'all':
      return { type: 'all' };
    case 'countries': {
      // Country codes are matched case-insensitively but always served upper-case.
      const country = value && /^[A-Za-z]{2}$/.test(value) ? findCountry(value.toUpperCase()) : undefined;
      return country ? { type: 'country', code: country.code, name: country.name } : undefined;
    }
    case 'regions': {
      const region = RegionSchema.safeParse(value?.toUpperCase());
      return region.success ? { type: 'region', code: region.data, name: regionName(region.data) } : undefined;
    }
    case 'kinds': {
      const kind = KindSchema.safeParse(value);
      return kind.success ? { type: 'kind', kind: kind.data, name: KIND_LABELS[kind.data] } : undefined;
    }
  }
}

/** The path of a scope's feed without extension, e.g. `countries/KE`. */
export function feedScopePath(scope: FeedScope): string {
  switch (scope.type) {
    case 'all':
      return 'all';
    case 'country':
      return `countries/${scope.code}`;
    case 'region':
      return `regions/${scope.code}`;
    case 'kind':
      return `kinds/${scope.kind}`;
  }
}

/** The store query that lists a scope's items. */
export function feedScopeQuery(scope: FeedScope, limit: number): PublicationQuery {
  switch (scope.type) {
    case 'all':
      return { limit };
    case 'country':
      return { country: scope.code, limit };
    case 'region':
      return { region: scope.code, limit };
    case 'kind':
      return { kind: scope.kind, limit };
  }
}

/** The feed's title, e.g. "Outpost: Kenya". */
export function feedScopeTitle(scope: FeedScope): string {
  return scope.type === 'all' ? 'Outpost: all public advisories and alerts' : `Outpost: ${scope.name}`;
}

/** The HTML page a scope's feed mirrors. */
export function feedScopePage(scope: FeedScope, baseUrl: string): string {
  if (scope.type === 'country') return `${baseUrl}/countries/${scope.code}`;
  return `${baseUrl}/`;
}
