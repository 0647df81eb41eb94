import { raw } from 'hono/html';
import { countryName } from '../../shared/domain/country';
import { KIND_LABELS, KindSchema } from '../../shared/domain/publication-kind';
import { RegionSchema, regionName } from '../../shared/domain/region';
import type { SearchHit, SearchQuery, SearchResult } from '../../shared/domain/search-query';
import type { FieldIssue } from '../../shared/errors';
import { Time } from '../components/format';
import { Layout } from '../components/layout';

/** Query parameters a page link carries; cursor and limit are the pager's own. */
type Filters = Partial<Record<'q' | 'kind' | 'country' | 'region' | 'level' | 'from' | 'to' | 'include', string>>;

/** Countries listed under "Country" at most, the most frequent first. */
const MAX_COUNTRY_FACETS = 15;

/** The filters of a parsed query, as strings for links and hidden fields. */
export function filtersOf(query: SearchQuery): Filters {
  const filters: Filters = {};
  if (query.q.trim() !== '') filters.q = query.q;
  for (const name of ['kind', 'country', 'region', 'from', 'to', 'include'] as const) {
    const value = query[name];
    if (value !== undefined) filters[name] = value;
  }
  if (query.level !== undefined) filters.level = String(query.level);
  return filters;
}

function href(filters: Filters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filters, ...extra })) if (value !== undefined && value !== '') params.set(name, value);
  const qs = params.toString();
  return qs ? `/search?${qs}` : '/search';
}

function without(filters: Filters, ...names: (keyof Filters)[]): Filters {
  const copy = { ...filters };
  for (const name of names) delete copy[name];
  return copy;
}

export interface SearchPageProps {
  filters: Filters;
  result?: SearchResult;
  /** Why the query could not be run, per field. */
  issues?: FieldIssue[];
  /** Set when this page follows a cursor, so it can link back to the first page. */
  paged?: boolean;
}

/**
 * The search page: a search form (results follow the typing when scripts
 * run, and the form submits without them), the number of results, facets
 * as links that narrow the search, and each result linking to its
 * publication with a passage where its words matched.
 */
export function SearchPage({ filters, result, issues = [], paged = false }: SearchPageProps) {
  const q = filters.q ?? '';
  return (
    <Layout title={q ? `Search: ${q}` : 'Search'} scripts={['search']}>
      <h1>Search</h1>
      <form class="search" method="get" action="/search" role="search" aria-label="Search publications" id="search-form">
        <label for="search-q">Search reports, alerts and advisories</label>
        <input id="search-q" name="q" type="search" value={q} autocomplete="off" maxlength={200} aria-describedby="search-hint" />
        {Object.entries(without(filters, 'q', 'include')).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <button type="submit">Search</button>
        <p id="search-hint" class="hint">
          Every word must match. Spelling slips and accents are forgiven.
        </p>
        <p class="choice">
          <input id="search-include" type="checkbox" name="include" value="archived" checked={filters.include === 'archived'} />
          <label for="search-include">Include archived and expired items</label>
        </p>
      </form>
      <p id="search-live" class="visually-hidden" aria-live="polite"></p>
      <div id="search-results">
        {issues.length > 0 ? <Problems issues={issues} /> : result ? <Results filters={filters} result={result} paged={paged} /> : null}
      </div>
    </Layout>
  );
}

function Problems({ issues }: { issues: FieldIssue[] }) {
  return (
    <div class="error-summary" role="alert">
      <h2>This search could not be run</h2>
      <ul>
        {issues.map((issue) => (
          <li>{`${issue.path} ${issue.message}`}</li>
        ))}
      </ul>
      <p>
        <a href="/search">Start a new search</a>
      </p>
    </div>
  );
}

function Results({ filters, result, paged }: { filters: Filters; result: SearchResult; paged: boolean }) {
  const active = (['kind', 'country', 'region', 'level', 'from', 'to'] as const).filter((name) => filters[name] !== undefined);
  return (
    <>
      <p role="status" id="search-status">
        {result.total === 1 ? '1 result' : `${result.total} results`}
        {filters.q ? ` for “${filters.q}”` : ''}.
      </p>
      {active.length > 0 ? (
        <ul class="badges" aria-label="Filters in use">
          {active.map((name) => (
            <li class="badge">
              {`${filterLabel(name, filters[name] ?? '')} `}
              <a href={href(without(filters, name))} aria-label={`Remove filter ${filterLabel(name, filters[name] ?? '')}`}>
                ×
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="search-layout">
        <Facets filters={filters} facets={result.facets} />
        <section aria-labelledby="results-heading" class="search-hits">
          <h2 id="results-heading" class="visually-hidden">
            Results
          </h2>
          {result.items.length > 0 ? (
            <ol class="items">
              {result.items.map((hit) => (
                <Hit hit={hit} />
              ))}
            </ol>
          ) : (
            <p>Nothing matches. Try fewer words, or remove a filter.</p>
          )}
          <nav aria-label="Result pages" class="button-row">
            {paged ? (
              <a class="button secondary" href={href(filters)}>
                First page
              </a>
            ) : null}
            {result.next ? (
              <a class="button" href={href(filters, { cursor: result.next })} rel="next">
                Next page
              </a>
            ) : null}
          </nav>
        </section>
      </div>
    </>
  );
}

function Hit({ hit }: { hit: SearchHit }) {
  return (
    <li>
      <span class="kind">{KIND_LABELS[hit.kind]}</span>
      <h3>
        <a href={`/publications/${hit.id}`}>{hit.title}</a>
      </h3>
      <p class="meta">
        {hit.countries.map(countryName).join(', ')} · <Time iso={hit.publishedAt} />
        {hit.level !== undefined ? ` · Level ${hit.level}` : ''}
        {hit.sharing !== 'TLP:CLEAR' ? ` · ${hit.sharing}` : ''}
        {hit.status !== 'published' ? ` · ${hit.status}` : ''}
      </p>
      {/* The snippet is escaped text with <mark> elements only (see snippetOf). */}
      <p class="snippet">{raw(hit.snippet)}</p>
    </li>
  );
}

function Facets({ filters, facets }: { filters: Filters; facets: SearchResult['facets'] }) {
  const groups: { name: string; entries: { label: string; count: number; link: string; current: boolean }[] }[] = [
    {
      name: 'Kind',
      entries: entries(facets.kind).map(([kind, count]) => ({ label: kindLabel(kind), count, link: href(filters, { kind }), current: filters.kind === kind })),
    },
    {
      name: 'Region',
      entries: entries(facets.region).map(([region, count]) => ({ label: regionLabel(region), count, link: href(filters, { region }), current: filters.region === region })),
    },
    {
      name: 'Country',
      entries: entries(facets.country)
        .slice(0, MAX_COUNTRY_FACETS)
        .map(([country, count]) => ({ label: countryName(country), count, link: href(filters, { country }), current: filters.country === country })),
    },
    {
      name: 'Year',
      entries: Object.entries(facets.year)
        .sort(([a], [b]) => (a < b ? 1 : -1))
        .map(([year, count]) => ({
          label: year,
          count,
          link: href(filters, { from: `${year}-01-01`, to: `${year}-12-31` }),
          current: filters.from === `${year}-01-01` && filters.to === `${year}-12-31`,
        })),
    },
  ];
  return (
    <nav aria-label="Narrow the results" class="facets">
      <h2 class="visually-hidden">Narrow the results</h2>
      {groups
        .filter((group) => group.entries.length > 0)
        .map((group) => (
          <section>
            <h3>{group.name}</h3>
            <ul class="links">
              {group.entries.map((entry) => (
                <li>
                  <a href={entry.link} aria-current={entry.current ? 'true' : undefined}>
                    {entry.label}
                  </a>{' '}
                  <span class="count">({entry.count})</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </nav>
  );
}

/** Facet values, the most frequent first, then by value. */
function entries(facet: Record<string, number>): [string, number][] {
  return Object.entries(facet).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
}

function kindLabel(kind: string): string {
  const parsed = KindSchema.safeParse(kind);
  return parsed.success ? KIND_LABELS[parsed.data] : kind;
}

function regionLabel(region: string): string {
  const parsed = RegionSchema.safeParse(region);
  return parsed.success ? regionName(parsed.data) : region;
}

function filterLabel(name: keyof Filters, value: string): string {
  switch (name) {
    case 'kind':
      return kindLabel(value);
    case 'region':
      return regionLabel(value);
    case 'country':
      return countryName(value);
    case 'level':
      return `Level ${value}`;
    case 'from':
      return `From ${value.slice(0, 10)}`;
    case 'to':
      return `Until ${value.slice(0, 10)}`;
    default:
      return value;
  }
}
