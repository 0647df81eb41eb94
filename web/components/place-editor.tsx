import { raw } from 'hono/html';
import { findCountry } from '../../shared/domain/country';
import { AreasSchema, type AreaFeature } from '../../shared/domain/place';
import { renderCountryMapSvg } from '../map/country-map';

/** Known country codes in a form's countries text ("KE, TZ"). */
export function countriesIn(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter((c) => /^[A-Z]{2}$/.test(c) && findCountry(c) !== undefined);
}

/** The areas of a form's GeoJSON text when they parse; none otherwise (the schema names the problem on save). */
export function areasIn(text: string): AreaFeature[] {
  try {
    const parsed = AreasSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.features : [];
  } catch {
    return [];
  }
}

/** The picker map of the countries (the world when none is known yet), with the areas drawn so far. */
export function placeMapSvg(countries: readonly string[], areas: readonly AreaFeature[] = []): string {
  const title = countries.length ? `Map of ${countries.join(', ')} for drawing areas` : 'World map for drawing areas (it zooms in once the item’s country is entered)';
  return renderCountryMapSvg(countries, areas, { id: 'place-editor-map', title, picker: true });
}

/**
 * The map above the areas field of the compose form. Without JavaScript it
 * shows the countries and the areas already in the field; with the
 * `place-picker` script, its tools draw a polygon (click the corners, then
 * Finish) or place a circle of the given radius, writing GeoJSON into the
 * field, and the map follows the countries field.
 */
export function PlaceEditor({ countriesText, areasText, target }: { countriesText: string; areasText: string; target: string }) {
  return (
    <div class="place-editor" data-place-editor={target} data-map-url="/console/place-map">
      <div class="place-tools" data-place-tools hidden>
        <button type="button" class="button secondary" data-tool="polygon">
          Draw a polygon
        </button>
        <button type="button" class="button secondary" data-tool="finish">
          Finish the polygon
        </button>
        <label>
          Circle radius (km){' '}
          <input type="number" min="0.1" max="500" step="0.1" value="2" data-radius class="input-short" />
        </label>
        <button type="button" class="button secondary" data-tool="circle">
          Place a circle
        </button>
        <button type="button" class="button secondary" data-tool="clear">
          Clear the areas
        </button>
      </div>
      <div data-place-map-slot>{raw(placeMapSvg(countriesIn(countriesText), areasIn(areasText)))}</div>
      <p class="meta" role="status" aria-live="polite" data-place-status></p>
    </div>
  );
}
