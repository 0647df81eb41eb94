import * as z from 'zod';
import { CountryCodeSchema } from './country';
import { InstantSchema } from './publication-content';
import { KindSchema, type Kind } from './publication-kind';
import { RegionSchema } from './region';
import type { Sharing } from './sharing';

/** A day (YYYY-MM-DD) or an instant with its offset, for `from` and `to`. */
const BoundSchema = z.union([z.iso.date(), InstantSchema], { message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time with a time zone' });

/**
 * `GET /v1/search` and the `/search` page take the same query. Every
 * filter narrows the items counted in `total` and in the facets alike.
 */
export const SearchQuerySchema = z
  .object({
    q: z.string().max(200, 'must be at most 200 characters').default(''),
    kind: KindSchema.optional(),
    country: CountryCodeSchema.optional(),
    region: RegionSchema.optional(),
    level: z.coerce.number().int().min(1).max(4).optional(),
    /** Published on or after (a day means from its start, UTC). */
    from: BoundSchema.optional(),
    /** Published on or before (a day means to its end, UTC). */
    to: BoundSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(1024).optional(),
    /** `archived` also finds archived and expired items. */
    include: z.literal('archived', { message: 'must be "archived"' }).optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.from && query.to && lowerBound(query.from) > upperBound(query.to)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    }
  });
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

/** The first instant a `from` bound admits, as an ISO string in UTC. */
export function lowerBound(bound: string): string {
  return bound.length === 10 ? `${bound}T00:00:00.000Z` : new Date(bound).toISOString();
}

/** The last instant a `to` bound admits, as an ISO string in UTC. */
export function upperBound(bound: string): string {
  return bound.length === 10 ? `${bound}T23:59:59.999Z` : new Date(bound).toISOString();
}

/** One found item, as the API and the page show it. */
export interface SearchHit {
  id: string;
  title: string;
  kind: Kind;
  countries: string[];
  publishedAt: string;
  level?: number;
  sharing: Sharing;
  status: 'published' | 'archived' | 'expired';
  /** A passage of the text with the matched words in `<mark>`; everything else HTML-escaped. */
  snippet: string;
}

/** Counts of the matching items by facet value. */
export interface SearchFacets {
  kind: Record<string, number>;
  country: Record<string, number>;
  region: Record<string, number>;
  year: Record<string, number>;
}

/** One page of results, with the total and facets of every matching item. */
export interface SearchResult {
  items: SearchHit[];
  total: number;
  facets: SearchFacets;
  next?: string;
}
