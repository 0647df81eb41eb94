import { headAsSeenBy, type PublicationHead, type Version } from '../domain/publication';
import type { Viewer } from '../domain/sharing';
import { NotFoundError } from '../errors';
import type { Page } from '../ports/page';
import type { PublicationQuery } from '../ports/publication-store';
import { itemMeetsPlace, type PlaceQuery } from '../geo/place-filter';
import type { ServiceDeps } from './deps';

/** What a viewer may read of one publication. */
export interface PublicationView {
  head: PublicationHead;
  /** The latest published version the viewer may see; absent for an unpublished item seen by its own organization. */
  version?: Version;
  /** Whether the viewer belongs to the publishing organization, and so sees its working copy. */
  owner: boolean;
}

function ownsIt(viewer: Viewer, head: PublicationHead): boolean {
  return viewer.kind === 'person' && viewer.orgId === head.orgId && (viewer.role === 'publisher' || viewer.role === 'admin');
}

/**
 * Reads one publication as `viewer` sees it; anything hidden from them is a
 * 404. Outside the publishing organization the head is the one they may
 * see (`headAsSeenBy`): no workflow, and times that move only with what they can see.
 */
export async function getPublication(deps: ServiceDeps, viewer: Viewer, id: string): Promise<PublicationView> {
  const visible = await deps.publications.getVisible(id, viewer);
  if (visible) {
    const owner = ownsIt(viewer, visible.head);
    return { head: owner ? visible.head : headAsSeenBy(viewer, visible.head, visible.version), version: visible.version, owner };
  }
  // The owner also sees drafts that were never published.
  if (viewer.kind === 'person') {
    const head = await deps.publications.get(id);
    if (head && ownsIt(viewer, head)) return { head, owner: true };
  }
  throw new NotFoundError('Publication');
}

/** Published versions the viewer may see, newest first; with a place, only those whose areas (or countries) meet it. */
export async function listPublications(deps: ServiceDeps, viewer: Viewer, query: PublicationQuery, place?: PlaceQuery): Promise<Page<Version>> {
  const keep = place ? { key: JSON.stringify(place), accepts: (version: Version) => itemMeetsPlace(version.content, place) } : undefined;
  return deps.publications.listVisible(viewer, { ...query, keep });
}

export async function listVersions(deps: ServiceDeps, viewer: Viewer, id: string): Promise<Version[]> {
  const versions = await deps.publications.listVersions(id, viewer);
  if (!versions) throw new NotFoundError('Publication');
  return versions;
}
