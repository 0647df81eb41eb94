import type { SubscriptionFilters, UpdateSubscriptionFiltersInput } from '../domain/subscription';
import type { PlacedSite } from '../domain/subscription-place';
import { MAX_SCOPES } from '../domain/subscription';
import { UnauthenticatedError, ValidationError, type FieldIssue } from '../errors';
import { locatePoint } from '../geo/locate';
import { countriesReached } from '../geo/outlines';
import type { ServiceDeps } from './deps';

/**
 * The stored place of a subscription from its create or update body: for
 * `near`, the country of the centre (named or derived) and every country
 * the circle reaches, which become its match-index scopes; for `sites`, a
 * copy of each of the organization's sites it names. A place replaces
 * countries and regions: a body with both is refused.
 *
 * @param orgId the organization the subscription belongs to; sites need one.
 */
export async function resolveSubscriptionPlace(deps: Pick<ServiceDeps, 'sites'>, orgId: string | undefined, body: UpdateSubscriptionFiltersInput): Promise<Pick<SubscriptionFilters, 'near' | 'sites'>> {
  const { near, sites } = body;
  if (!near && !sites) return {};
  const issues: FieldIssue[] = [];
  if ((body.countries?.length ?? 0) > 0 || (body.regions?.length ?? 0) > 0) {
    issues.push({ path: near ? 'near' : 'sites', message: 'a subscription watches either a place (near, sites) or countries and regions, not both' });
  }
  const place: Pick<SubscriptionFilters, 'near' | 'sites'> = {};
  if (near) {
    const located = locatePoint(near.lat, near.lon, near.country);
    if ('problem' in located) {
      issues.push({ path: 'near', message: `the point ${located.problem}` });
    } else {
      const reach = [located.country, ...countriesReached(near).filter((cc) => cc !== located.country)].slice(0, MAX_SCOPES);
      place.near = { lat: near.lat, lon: near.lon, radiusKm: near.radiusKm, country: located.country, reach };
    }
  }
  if (sites) {
    if (!orgId) throw new UnauthenticatedError('Subscriptions to sites need a member API key: Authorization: Bearer <key>.');
    const found = await Promise.all(sites.map((id) => deps.sites.get(orgId, id)));
    const placed: PlacedSite[] = [];
    found.forEach((site, i) => {
      if (!site) issues.push({ path: `sites.${i}`, message: 'is not a site of your organization' });
      else placed.push({ id: site.id, name: site.name, lat: site.lat, lon: site.lon, country: site.country });
    });
    place.sites = placed;
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return place;
}
