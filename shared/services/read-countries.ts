import { allCountries, findCountry, type Country } from '../domain/country';
import type { Version } from '../domain/publication';
import type { Viewer } from '../domain/sharing';
import { NotFoundError } from '../errors';
import type { AdvisoryPointer } from '../domain/advisory-pointer';
import type { ServiceDeps } from './deps';

export interface CountrySummary extends Country {
  level: number | null;
  advisory: AdvisoryPointer | null;
}

/** Every country with its current advisory level, from one query of the advisory pointers. */
export async function listCountries(deps: ServiceDeps): Promise<CountrySummary[]> {
  const pointers = new Map((await deps.publications.currentAdvisories()).map((p) => [p.country, p]));
  return allCountries().map((c) => {
    const advisory = pointers.get(c.code) ?? null;
    return { ...c, level: advisory?.level ?? null, advisory };
  });
}

export interface CountryDetail {
  country: Country;
  level: number | null;
  advisory: Version | null;
  recent: Version[];
}

/** One country: its current advisory and the latest items the viewer may see. */
export async function getCountry(deps: ServiceDeps, viewer: Viewer, code: string): Promise<CountryDetail> {
  const country = findCountry(code.toUpperCase());
  if (!country) throw new NotFoundError(`Country ${code}`);
  const [pointer, recent] = await Promise.all([
    deps.publications.currentAdvisory(country.code),
    deps.publications.listVisible(viewer, { country: country.code, limit: 10 }),
  ]);
  const advisory = pointer ? ((await deps.publications.getVisible(pointer.publicationId, viewer))?.version ?? null) : null;
  return { country, level: advisory && advisory.content.kind === 'travel-advisory' ? advisory.content.level : null, advisory, recent: recent.items };
}
