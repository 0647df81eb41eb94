import { raw } from 'hono/html';
import { countryName } from '../../shared/domain/country';
import type { AreaLevel } from '../../shared/domain/place';
import type { PublicationContent } from '../../shared/domain/publication-content';
import { subdivisionLabel } from '../../shared/geo/subdivisions';
import { areaLabel, renderCountryMapSvg } from '../map/country-map';
import { LevelBadge } from './advisory';

/**
 * Where an item applies: its areas drawn on an inline SVG map of its
 * countries (no tiles, no script), the same areas as a list for screen
 * readers and text browsers, and its subdivisions by name.
 */
export function PlaceSection({ content }: { content: PublicationContent }) {
  const areas = content.areas?.features ?? [];
  const subdivisions = content.subdivisions ?? [];
  if (areas.length === 0 && subdivisions.length === 0) return null;
  const where = content.countries.map(countryName).join(', ');
  return (
    <section aria-labelledby="where-title" class="places">
      <h2 id="where-title">Where</h2>
      {areas.length > 0 ? (
        <>
          <figure class="map-figure">
            {raw(renderCountryMapSvg(content.countries, areas, { id: 'where-map', title: `Map of ${where} with the ${areas.length === 1 ? 'area' : `${areas.length} areas`} this concerns` }))}
            <figcaption>The areas this concerns, outlined in red on a map of {where}.</figcaption>
          </figure>
          <ul class="area-list">
            {areas.map((area, i) => (
              <li>{areaLabel(area, i)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {subdivisions.length > 0 ? <p>Subdivisions: {subdivisions.map(subdivisionLabel).join(', ')}</p> : null}
    </section>
  );
}

/** A travel advisory's levels for parts of its country, as a table. */
export function AreaLevelsTable({ levels, headingLevel = 'h2' }: { levels: readonly AreaLevel[] | undefined; headingLevel?: 'h2' | 'h3' }) {
  if (!levels || levels.length === 0) return null;
  const Heading = headingLevel;
  return (
    <>
      <Heading>Levels for parts of the country</Heading>
      <div class="table-scroll">
        <table>
          <caption>Where the level differs from the country’s</caption>
          <thead>
            <tr>
              <th scope="col">Level</th>
              <th scope="col">Where</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {levels.map((entry) => (
              <tr>
                <td>
                  <LevelBadge level={entry.level} />
                </td>
                <td>{[...(entry.subdivisions ?? []).map(subdivisionLabel), ...(entry.area ? [entry.area.properties.name ?? 'A drawn area'] : [])].join(', ')}</td>
                <td>{entry.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
