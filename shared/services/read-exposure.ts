import type { Site } from '../domain/site';
import type { Viewer } from '../domain/sharing';
import { NotFoundError } from '../errors';
import type { ActingPerson, ServiceDeps } from './deps';
import { sitesInAreas } from './sites-in-areas';

export interface Exposure {
  publicationId: string;
  version: number;
  sites: Site[];
}

/** What a published item's current version covers of the acting organization: its sites (a 404 for what the viewer may not see). */
export async function readExposure(deps: ServiceDeps, actor: ActingPerson, viewer: Viewer, id: string): Promise<Exposure> {
  const visible = await deps.publications.getVisible(id, viewer);
  if (!visible) throw new NotFoundError('Publication');
  return { publicationId: id, version: visible.version.version, sites: await sitesInAreas(deps, actor.orgId, visible.version) };
}
