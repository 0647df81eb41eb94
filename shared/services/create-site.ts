import { MAX_SITES, SiteInputSchema, type Site } from '../domain/site';
import { parseOrThrow } from '../domain/validation';
import { ConflictError, ValidationError } from '../errors';
import { locatePoint } from '../geo/locate';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';

/**
 * Adds a site to the acting person's organization. The point must lie in
 * the country it names (against the country outlines, allowing for their
 * simplification), and an organization keeps at most MAX_SITES sites.
 */
export async function createSite(deps: ServiceDeps, actor: ActingPerson, input: unknown): Promise<Site> {
  const body = parseOrThrow(SiteInputSchema, input);
  const located = locatePoint(body.lat, body.lon, body.country);
  if ('problem' in located) throw new ValidationError([{ path: 'lat', message: `the point ${located.problem}` }]);
  if ((await deps.sites.list(actor.orgId)).length >= MAX_SITES) {
    throw new ConflictError('too-many-sites', `An organization keeps at most ${MAX_SITES} sites; delete one first.`);
  }
  const now = deps.clock.now();
  const site: Site = { id: deps.ids.next(), orgId: actor.orgId, name: body.name, lat: body.lat, lon: body.lon, country: body.country, contacts: body.contacts ?? [], createdAt: now, createdBy: actor.personId };
  await deps.sites.create(site, [auditEntry(deps, now, actor, 'site.created', { type: 'site', id: site.id }, { country: site.country, contacts: site.contacts.length })]);
  return site;
}
