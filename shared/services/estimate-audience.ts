import { CHANNEL_NAMES, type Channel } from '../domain/channel';
import { regionsOf } from '../domain/country';
import type { PublicationHead, Version } from '../domain/publication';
import type { ServiceDeps } from './deps';
import { isCanonicalScope } from '../domain/fan-out';
import { matchScopes, wantsVersion } from './match-scopes';

/** How many index items an estimate reads per channel before it says "at least". */
const ESTIMATE_READ_LIMIT = 5_000;

/** Per channel: how many subscriptions would receive it, and whether that is a lower bound. */
export interface AudienceEstimate {
  channels: { channel: Channel; count: number; atLeast: boolean }[];
}

/**
 * How many active subscriptions would receive the working copy if it were
 * published now, by channel: the same Query-per-scope matching and sharing
 * rules the delivery workers use (`wantsVersion`, the parts the planner
 * would queue, each subscription counted in its canonical scope), over a
 * version built from the working copy. Undefined when there is nothing unpublished.
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
      const parts = await deps.subscriptions.occupiedParts(channel, scopes);
      let count = 0;
      let read = 0;
      let complete = true;
      for (const part of parts) {
        let after: string | undefined;
        do {
          if (read >= ESTIMATE_READ_LIMIT) {
            complete = false;
            break;
          }
          const page = await deps.subscriptions.matchPage(channel, part, 500, after);
          read += page.items.length;
          count += page.items.filter((s) => wantsVersion(s, channel, version) && isCanonicalScope(s, scopes, part.scope)).length;
          after = page.last ?? undefined;
        } while (after !== undefined);
        if (!complete) break;
      }
      return { channel, count, atLeast: !complete };
    }),
  );
  return { channels };
}
