import type { SearchDocument } from '../../domain/search-document';
import type { SearchFacets } from '../../domain/search-query';

const FACETS = ['kind', 'country', 'region', 'year'] as const satisfies readonly (keyof SearchFacets)[];

/**
 * Facet values as small integers, so that counting the facets of
 * thousands of matches is array arithmetic rather than a map lookup per
 * value. Codes are never given back: the values (kinds, countries,
 * regions, years) are few.
 */
export class FacetCodes {
  private readonly codes = new Map<string, number>();
  private readonly facetOf: number[] = [];
  private readonly valueOf: string[] = [];

  /** The codes of a document's values: its kind, countries, regions and year. */
  of(doc: SearchDocument): Uint32Array {
    return Uint32Array.from([
      this.code(0, doc.kind),
      ...doc.countries.map((cc) => this.code(1, cc)),
      ...doc.regions.map((region) => this.code(2, region)),
      this.code(3, doc.publishedAt.slice(0, 4)),
    ]);
  }

  /** How many of the rows hold each value, per facet, the values of each in the order they first appear. */
  count(rows: Iterable<Uint32Array>): SearchFacets {
    const counts = new Uint32Array(this.valueOf.length);
    const seen: number[] = [];
    for (const row of rows) {
      for (const code of row) if (counts[code]!++ === 0) seen.push(code);
    }
    const facets: SearchFacets = { kind: {}, country: {}, region: {}, year: {} };
    for (const code of seen) facets[FACETS[this.facetOf[code]!]!][this.valueOf[code]!] = counts[code]!;
    return facets;
  }

  private code(facet: number, value: string): number {
    const key = `${facet}:${value}`;
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.valueOf.length;
      this.codes.set(key, code);
      this.facetOf.push(facet);
      this.valueOf.push(value);
    }
    return code;
  }
}
