import * as z from 'zod';
import { DIGEST_VERSION, DigestPartSchema, DigestRunSchema, digestRunId, digestScope, digestWindowStart, type DigestPart, type DigestRun } from '../domain/digest';
import type { DigestFrequency } from '../domain/delivery-timing';
import type { Version } from '../domain/publication';
import type { ChunkKey, ChunkRecord } from '../ports/delivery-store';
import type { DigestEntry, DigestStore } from '../ports/digest-store';
import type { DeliveryConfig, DeliveryDeps, Recipient, SendResult, WorkReport } from './delivery-work';
import { wantsVersion } from './match-scopes';
import { PART_START } from './plan-fan-out';
import { newChunk, walkChunks, type ChunkSource } from './walk-chunks';

/** A digest part message: the rest of one (frequency, zone, shard) of a digest run from the chunk after `start`. */
export const DigestPartMessageSchema = z
  .object({
    type: z.literal('outpost.digest-part'),
    part: DigestPartSchema,
    run: DigestRunSchema,
    start: z.string().min(1).max(64),
  })
  .strict();
export type DigestPartMessage = z.infer<typeof DigestPartMessageSchema>;

export function digestPartMessage(part: DigestPart, run: DigestRun, start: string): string {
  const body: DigestPartMessage = { type: 'outpost.digest-part', part, run, start };
  return JSON.stringify(body);
}

/** Sends one batch of digests: each recipient's own items (the same items for many, usually). */
export type DigestSend = (frequency: DigestFrequency, recipients: readonly { recipient: Recipient; items: readonly Version[] }[], deadline: number) => Promise<Map<string, SendResult>>;

export type DigestDeliveryDeps = DeliveryDeps & { digests: DigestStore };

/** The chunk key of a digest part: its run id in place of a publication id, its zone as the scope. */
function digestChunkKey(part: DigestPart, run: DigestRun, start: string): ChunkKey {
  return { publicationId: digestRunId(part.frequency, part.timeZone, run.period), version: DIGEST_VERSION, channel: 'email', scope: digestScope(part.timeZone), shard: part.shard, start };
}

/**
 * The items of one subscriber's digest: the current versions published in
 * their window, up to the run's cut-off, that they would have been sent.
 */
function digestItems(versions: readonly Version[], entry: Pick<DigestEntry, 'subscription'>, windowStart: string, cutoff: string): Version[] {
  return versions
    .filter((v) => v.publishedAt >= windowStart && v.publishedAt < cutoff && wantsVersion(entry.subscription, 'email', v, 'digest'))
    .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1));
}

/**
 * Delivers one part of a digest run through the fan-out's chunk walk
 * (`walkChunks`): each chunk of the digest index is made once (a
 * conditional write), sent by whoever holds its lease, with batches marked
 * in flight, so a retried, redelivered or taken-over receive sends nobody's
 * digest twice. The run's window (from the zone's last cut-off to this
 * one) is in the message, so a repeated run lists the same items, and the
 * next run starts where this one ended. A subscriber's window starts later
 * if they joined the zone since, or earlier in their first run after a
 * switch from a zone whose morning came earlier (`digestWindowStart`); one
 * with nothing new gets no digest.
 */
export async function deliverDigestPart(deps: DigestDeliveryDeps, config: DeliveryConfig, send: DigestSend, message: Omit<DigestPartMessage, 'type'> & { receiveCount: number; deadline: number }): Promise<WorkReport> {
  const { part, run } = message;
  const listed = new Map<string, Promise<Version[]>>();
  // Most windows start at the run's: one read of the listings serves a receive's chunks.
  const versionsFrom = (from: string) => {
    if (!listed.has(from)) listed.set(from, deps.digests.listedBetween(from, run.cutoff));
    return listed.get(from)!;
  };
  const itemsOf = async (entries: readonly DigestEntry[]) => {
    if (entries.length === 0) return new Map<string, Version[]>();
    const starts = entries.map((e) => digestWindowStart(run, e));
    const versions = await versionsFrom(starts.reduce((a, b) => (a < b ? a : b)));
    return new Map(entries.map((e, i) => [e.subscription.id, digestItems(versions, e, starts[i]!, run.cutoff)]));
  };
  // The entries of the chunk being sent, and only those: a receive walks a whole part, and keeping
  // every page it read would hold the part's subscribers in memory (the worker's memory would grow
  // with the audience, not with the chunk size).
  let current: { start: string; entries: readonly DigestEntry[] } | undefined;
  const loadEntries = async (chunk: ChunkRecord) => {
    if (current?.start === chunk.start) return current.entries;
    const entries = await deps.digests.range(part, chunk.start === PART_START ? undefined : chunk.start, chunk.next);
    current = { start: chunk.start, entries };
    return entries;
  };

  const source: ChunkSource = {
    keyAt: (start) => digestChunkKey(part, run, start),
    async create(key, lease, now) {
      const page = await deps.digests.page(part, config.chunkSize, key.start === PART_START ? undefined : key.start);
      const items = await itemsOf(page.items);
      const due = page.items.filter((e) => (items.get(e.subscription.id)?.length ?? 0) > 0);
      const made = await deps.deliveries.createChunk(
        newChunk(
          key,
          due.map((e) => e.subscription.id),
          page.last,
          lease,
        ),
        now,
      );
      if (made.created) current = { start: key.start, entries: page.items };
      return { ...made, loaded: due.map((e) => e.subscription) };
    },
    load: async (chunk) => (await loadEntries(chunk)).map((e) => e.subscription),
    async send(recipients, chunk, deadline) {
      const items = await itemsOf(await loadEntries(chunk));
      return send(
        part.frequency,
        recipients.map((recipient) => ({ recipient, items: items.get(recipient.subscription.id) ?? [] })),
        deadline,
      );
    },
    continueFrom: (start) => digestPartMessage(part, run, start),
  };
  return walkChunks(deps, config, source, message);
}
