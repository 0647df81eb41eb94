import { ANONYMOUS } from '../domain/sharing';
import { CAP_MEDIA_TYPE, capReference, renderCap } from '../formats/cap';
import { CAP_KINDS } from '../formats/feed-entry';
import type { FeedDeps, FeedDocument } from './render-feed';

/**
 * The CAP sender id of a deployment: its host name (and port), which is
 * globally unique and has none of the characters CAP forbids in a sender.
 */
function capSender(baseUrl: string): string {
  return new URL(baseUrl).host;
}

/**
 * Renders `/cap/{id}.xml`: the CAP 1.2 alert of a published TLP:CLEAR
 * security alert or travel advisory's current version. An amendment is an
 * `Update` that references every earlier version the public could have
 * received. Undefined (a 404) for anything else: unknown, not CLEAR, another
 * kind, archived or expired. One GetItem, plus one Query of the versions for
 * an amendment.
 */
export async function renderFeedCapAlert(deps: FeedDeps, id: string): Promise<FeedDocument | undefined> {
  const visible = await deps.publications.getVisible(id, ANONYMOUS);
  if (!visible || visible.head.state !== 'published') return undefined;
  const { version } = visible;
  if (version.content.sharing !== 'TLP:CLEAR' || !CAP_KINDS.has(version.content.kind)) return undefined;
  const earlier =
    version.version > 1
      ? ((await deps.publications.listVersions(id, ANONYMOUS)) ?? []).filter((v) => v.version < version.version && v.content.sharing === 'TLP:CLEAR')
      : [];
  const body = renderCap(version, {
    baseUrl: deps.baseUrl.replace(/\/+$/, ''),
    sender: capSender(deps.baseUrl),
    previous: earlier.map(capReference),
    firstForAudience: version.version > 1 && earlier.length === 0,
  });
  return { body, contentType: `${CAP_MEDIA_TYPE}; charset=utf-8`, lastModified: version.publishedAt };
}
