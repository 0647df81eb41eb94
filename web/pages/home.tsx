import { raw } from 'hono/html';
import type { AdvisoryLevel } from '../../shared/domain/advisory-level';
import { levelName } from '../../shared/domain/advisory-level';
import type { Version } from '../../shared/domain/publication';
import { regionName } from '../../shared/domain/region';
import type { CountrySummary } from '../../shared/services/read-countries';
import { LevelLegend } from '../components/advisory';
import { Time } from '../components/format';
import { Layout } from '../components/layout';
import { PublicationList } from '../components/version-list';
import { renderWorldMapSvg } from '../map/world-map';

/** Narrows a stored level to the four the domain knows; anything else is treated as no advisory. */
export function asLevel(level: number | null | undefined): AdvisoryLevel | undefined {
  return level === 1 || level === 2 || level === 3 || level === 4 ? level : undefined;
}

/** The search-by-country form; a plain GET so it works without JavaScript. */
export function CountrySearch({ q = '' }: { q?: string }) {
  return (
    <form class="search" method="get" action="/countries" role="search">
      <label for="country-q">Find a country</label>
      <input id="country-q" name="q" type="search" value={q} autocomplete="off" maxlength={100} />
      <button type="submit">Search</button>
    </form>
  );
}

/**
 * The home page: the map coloured by current level, its legend, a country
 * search, the latest alerts the viewer may see, and the same information
 * as the map in a table, for screen readers and people who don't read colour.
 */
export function HomePage({ countries, alerts }: { countries: readonly CountrySummary[]; alerts: readonly Version[] }) {
  const levels = new Map<string, AdvisoryLevel>();
  for (const c of countries) {
    const level = asLevel(c.level);
    if (level !== undefined) levels.set(c.code, level);
  }
  const withAdvisory = countries.filter((c) => levels.has(c.code));
  return (
    <Layout title="Travel advisories and security alerts" current="/">
      <h1>Travel advisories and security alerts</h1>
      <p class="lead">Current travel advisory levels by country, the latest security alerts, and reports for people and organizations operating abroad.</p>
      <CountrySearch />
      <h2 id="map-heading">Advisory levels by country</h2>
      <figure class="map-figure" aria-labelledby="map-heading">
        {raw(renderWorldMapSvg(levels))}
      </figure>
      <LevelLegend />
      <p>
        The <a href="#advisory-table">table of advisories</a> below lists the same information as the map.
      </p>
      <h2>Latest security alerts</h2>
      {alerts.length === 0 ? <p>There are no security alerts right now.</p> : <PublicationList items={alerts} />}
      <p>
        <a href="/feeds/kinds/security-alert.atom">Security alerts feed (Atom)</a>
      </p>
      <h2 id="advisory-table">Countries with a travel advisory</h2>
      {withAdvisory.length === 0 ? (
        <p>No travel advisories are in force.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>Current travel advisory for each country that has one, by country name</caption>
            <thead>
              <tr>
                <th scope="col">Country</th>
                <th scope="col">Region</th>
                <th scope="col">Level</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {withAdvisory.map((c) => {
                const level = levels.get(c.code) as AdvisoryLevel;
                return (
                  <tr data-cc={c.code}>
                    <th scope="row">
                      <a href={`/countries/${c.code}`}>{c.name}</a>
                    </th>
                    <td>{regionName(c.region)}</td>
                    <td>{`Level ${level}: ${levelName(level)}`}</td>
                    <td>{c.advisory ? <Time iso={c.advisory.updatedAt} /> : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
