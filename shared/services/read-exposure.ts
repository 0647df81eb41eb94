import type { Version } from '../domain/publication';
import type { Viewer } from '../domain/sharing';
import { exposureWindow, overlaps, type DayWindow, type Segment } from '../domain/trip';
import { NotFoundError } from '../errors';
import type { ActingPerson, ServiceDeps } from './deps';

/** One exposed traveler: who, and the segments that put them there during the window. */
export interface ExposedTraveler {
  travelerId: string;
  name: string;
  segments: Segment[];
}

/**
 * The organization's travelers with a segment in one of `countries` that
 * meets `window`, each once with every such segment, by name. Reads only
 * the organization's own index partitions (one Query per country).
 */
export async function exposedTravelers(deps: Pick<ServiceDeps, 'travelers'>, orgId: string, countries: readonly string[], window: DayWindow): Promise<ExposedTraveler[]> {
  const visits = (await Promise.all(countries.map((country) => deps.travelers.organizationVisits(orgId, country, window.start)))).flat();
  const segments = new Map<string, Segment[]>();
  for (const visit of visits) {
    for (const segment of visit.segments) {
      if (!overlaps(segment, window)) continue;
      const list = segments.get(visit.travelerId) ?? [];
      list.push(segment);
      segments.set(visit.travelerId, list);
    }
  }
  const travelers = await deps.travelers.getTravelers([...segments.keys()]);
  return [...segments.entries()]
    .flatMap(([travelerId, list]) => {
      const traveler = travelers.get(travelerId);
      // A traveler deleted since its trip was read is exposed no more; one of another organization never was.
      if (!traveler || traveler.orgId !== orgId) return [];
      return [{ travelerId, name: traveler.name, segments: list.sort((a, b) => a.from.localeCompare(b.from) || a.country.localeCompare(b.country)) }];
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.travelerId.localeCompare(b.travelerId));
}

/** The published version the caller sees, or NotFound. */
export async function visibleVersion(deps: Pick<ServiceDeps, 'publications'>, viewer: Viewer, publicationId: string): Promise<Version> {
  const visible = await deps.publications.getVisible(publicationId, viewer);
  if (!visible) throw new NotFoundError('Publication');
  return visible.version;
}

/**
 * GET /v1/publications/{id}/exposure: the caller's travelers exposed to a
 * publication they can see, in its countries during its window
 * (`exposureWindow`).
 */
export async function readExposure(deps: Pick<ServiceDeps, 'travelers' | 'publications' | 'clock'>, person: ActingPerson, viewer: Viewer, publicationId: string) {
  const version = await visibleVersion(deps, viewer, publicationId);
  const window = exposureWindow(version, deps.clock.now());
  const travelers = await exposedTravelers(deps, person.orgId, version.content.countries, window);
  return { publicationId, window: { from: window.start, to: window.end }, countries: version.content.countries, travelers, count: travelers.length };
}
