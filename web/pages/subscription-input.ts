import { resolveCountries } from '../components/country-picker';
import type { FormValues } from './publication-form';

/**
 * What a posted subscription form (subscribe, manage link, portal) asks to
 * receive, as the subscription services take it: countries by the picker's
 * names or codes, regions, kinds, a level, a place near a point, the
 * organization's sites. Text that does not parse goes on as typed, for the
 * service's schema to name it.
 */

const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
const text = (values: FormValues, name: string) => (typeof values[name] === 'string' ? (values[name] as string).trim() : '');

/** `near` from the form's latitude, longitude and radius, when a place was given. */
function nearInput(values: FormValues) {
  const [lat, lon, radius] = [text(values, 'nearLat'), text(values, 'nearLon'), text(values, 'nearRadiusKm')];
  if (!lat && !lon) return {};
  const number = (v: string) => (v !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
  return { near: { lat: number(lat), lon: number(lon), radiusKm: radius ? number(radius) : 10 } };
}

/** The filters of a posted form; a level that is not 1–4 is passed on for the schema to name. */
export function filtersInput(values: FormValues): Record<string, unknown> {
  const level = text(values, 'minLevel');
  const sites = many(values.sites);
  return {
    countries: resolveCountries(many(values.countries)).posted,
    regions: many(values.regions),
    kinds: many(values.kinds),
    ...(level ? { minLevel: /^[1-4]$/.test(level) ? Number(level) : level } : {}),
    ...nearInput(values),
    ...(sites.length ? { sites } : {}),
  };
}
