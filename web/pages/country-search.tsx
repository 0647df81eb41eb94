import { levelName } from '../../shared/domain/advisory-level';
import { searchCountries } from '../../shared/domain/country-names';
import { regionName } from '../../shared/domain/region';
import type { CountrySummary } from '../../shared/services/read-countries';
import { Layout } from '../components/layout';
import { asLevel, CountrySearch } from './home';

/**
 * Countries that `q` names, best first: by code, name, alternative name or
 * capital, forgiving case and diacritics ("nairobi" finds Kenya); every
 * country when `q` is blank.
 */
export function matchCountries(countries: readonly CountrySummary[], q: string): CountrySummary[] {
  if (!q.trim()) return [...countries];
  const byCode = new Map(countries.map((c) => [c.code, c]));
  return searchCountries(q).flatMap((c) => byCode.get(c.code) ?? []);
}

/** Results of the home page's country search: links to each matching country's page. */
export function CountrySearchPage({ q, matches }: { q: string; matches: readonly CountrySummary[] }) {
  const searched = q.trim() !== '';
  return (
    <Layout title={searched ? `Countries matching “${q}”` : 'All countries'}>
      <h1>{searched ? `Countries matching “${q}”` : 'All countries'}</h1>
      <CountrySearch q={q} />
      <p role="status">{matches.length === 1 ? '1 country found.' : `${matches.length} countries found.`}</p>
      {matches.length > 0 ? (
        <ul class={searched ? 'links' : 'links columns'}>
          {matches.map((c) => {
            const level = asLevel(c.level);
            return (
              <li>
                <a href={`/countries/${c.code}`}>{c.name}</a>
                {` – ${regionName(c.region)}`}
                {level !== undefined ? ` – Level ${level}: ${levelName(level)}` : ''}
              </li>
            );
          })}
        </ul>
      ) : (
        <p>
          Try another spelling, or <a href="/countries">see all countries</a>.
        </p>
      )}
    </Layout>
  );
}
