import type { Version } from '../domain/publication';
import type { Site } from '../domain/site';
import { acceptsPlace } from '../geo/place-match';
import type { ServiceDeps } from './deps';

/**
 * An organization's sites that a version covers: those inside its areas
 * (or within a circle's radius), or, for a version without areas, those in
 * its countries — the rule subscriptions to sites are matched by.
 */
export async function sitesInAreas(deps: Pick<ServiceDeps, 'sites'>, orgId: string, version: Pick<Version, 'content'>): Promise<Site[]> {
  const sites = await deps.sites.list(orgId);
  return sites.filter((site) => acceptsPlace({ sites: [{ id: site.id, name: site.name, lat: site.lat, lon: site.lon, country: site.country }] }, version.content));
}
