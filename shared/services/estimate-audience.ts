import { CHANNEL_NAMES, type Channel } from '../domain/channel';
import { regionsOf } from '../domain/country';
import type { PublicationHead, Version } from '../domain/publication';
import type { ServiceDeps } from './deps';
import { matchScopes, matchSubscribers, START, type MatchPosition } from './match-subscribers';

/** How many index items an estimate reads per channel before it says "at least". */
const ESTIMATE_READ_LIMIT = 5_000;

/** Per channel: how many subscriptions would receive it, and whether that is a lower bound. */
export interface AudienceEstimate {
  channels: { channel: Channel; count: number; atLeast: boolean }[];
}

/**
 * How many active subscriptions would receive the working copy if it were
 * published now, by channel: the same Query-per-scope matching and sharing
 * rules the delivery workers use (`matchSubscribers`), over a version built
 * from the working copy. Undefined when there is nothing unpublished.
 */
export async function estimateAudience(deps: Pick<ServiceDeps, 'subscriptions'>, head: PublicationHead): Promise<AudienceEstimate | undefined> {
  const working = head.working;
  if (!working) return undefined;
  const regions = regionsOf(working.content.countries);
  const version: Version = {
    id: head.id,
    version: (head.current?.version ?? 0) + 1,
    content: working.content,
    regions,
    orgId: head.orgId,
    changeNote: working.changeNote ?? '',
    major: head.current ? (working.major ?? false) : true,
    publishedAt: working.updatedAt,
    publishedBy: working.editors[0] ?? head.createdBy,
  };
  const scopes = matchScopes({ countries: working.content.countries, regions });
  const channels = await Promise.all(
    CHANNEL_NAMES.map(async (channel) => {
      const ids = new Set<string>();
      let position: MatchPosition | null = START;
      let read = 0;
      while (position && read < ESTIMATE_READ_LIMIT) {
        const chunk = await matchSubscribers(deps.subscriptions, channel, version, scopes, position, 500);
        for (const s of chunk.subscriptions) ids.add(s.id);
        read += chunk.read;
        position = chunk.next;
      }
      return { channel, count: ids.size, atLeast: position !== null };
    }),
  );
  return { channels };
}
