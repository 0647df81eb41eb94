import * as z from 'zod';
import { DIGEST_CHUNK_SIZE, DIGEST_VERSION, DigestPartSchema, DigestRunSchema, digestRunId, digestScope, digestWindowStart, type DigestPart, type DigestRun } from '../domain/digest';
import type { DigestFrequency } from '../domain/delivery-timing';
import type { Version } from '../domain/publication';
import { StoreConflictError } from '../errors';
import type { ChunkKey, ChunkRecord } from '../ports/delivery-store';
import type { DigestEntry, DigestMark, DigestStore } from '../ports/digest-store';
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

/** Tries at making a chunk whose window moves lost to a concurrent change of a subscriber (a frequency or zone switch). */
const CREATE_ATTEMPTS = 3;

/**
 * Delivers one part of a digest run through the fan-out's chunk walk
 * (`walkChunks`): each chunk of the digest index is made once, and the
 * transaction that makes it moves each recipient's window to the run's
 * cut-off (conditional on the value read), so no version is in two of a
 * subscriber's digests; its recipients' windows are kept in the chunk,
 * so a retried, redelivered or taken-over round sends the same digest,
 * and the chunk's lease and recorded outcomes keep it from going twice.
 * Subscribers with nothing new get no digest and keep their window.
 */
export async function deliverDigestPart(deps: DigestDeliveryDeps, config: DeliveryConfig, send: DigestSend, message: Omit<DigestPartMessage, 'type'> & { receiveCount: number; deadline: number }): Promise<WorkReport> {
  const { part, run } = message;
  const settings = { ...config, chunkSize: Math.min(config.chunkSize, DIGEST_CHUNK_SIZE) };
  const listed = new Map<string, Promise<Version[]>>();
  // Windows mostly start at the last run's cut-off: one read of the listings serves a receive's chunks.
  const versionsFrom = (from: string) => {
    if (!listed.has(from)) listed.set(from, deps.digests.listedBetween(from, run.cutoff));
    return listed.get(from)!;
  };
  const itemsOf = async (entries: readonly DigestEntry[], windows: Readonly<Record<string, string>>) => {
    const starts = entries.map((e) => windows[e.subscription.id]).filter((s): s is string => s !== undefined);
    if (starts.length === 0) return new Map<string, Version[]>();
    const versions = await versionsFrom(starts.reduce((a, b) => (a < b ? a : b)));
    return new Map(entries.map((e) => [e.subscription.id, windows[e.subscription.id] ? digestItems(versions, e, windows[e.subscription.id]!, run.cutoff) : []]));
  };
  const entriesOf = new Map<string, readonly DigestEntry[]>();
  const loadEntries = async (chunk: ChunkRecord) => {
    const cached = entriesOf.get(chunk.start);
    if (cached) return cached;
    const entries = await deps.digests.range(part, chunk.start === PART_START ? undefined : chunk.start, chunk.next);
    entriesOf.set(chunk.start, entries);
    return entries;
  };

  const source: ChunkSource = {
    keyAt: (start) => digestChunkKey(part, run, start),
    async create(key, lease, now) {
      for (let attempt = 1; ; attempt += 1) {
        const page = await deps.digests.page(part, settings.chunkSize, key.start === PART_START ? undefined : key.start);
        const open = page.items.filter((e) => e.lastDigestAt < run.cutoff);
        const windows = Object.fromEntries(open.map((e) => [e.subscription.id, digestWindowStart(e.lastDigestAt, run.cutoff)]));
        const items = await itemsOf(open, windows);
        const due = open.filter((e) => (items.get(e.subscription.id)?.length ?? 0) > 0);
        const dueWindows = Object.fromEntries(due.map((e) => [e.subscription.id, windows[e.subscription.id]!]));
        const marks: DigestMark[] = due.map((e) => ({ subscriptionId: e.subscription.id, frequency: part.frequency, timeZone: part.timeZone, from: e.lastDigestAt, to: run.cutoff }));
        try {
          const made = await deps.deliveries.createChunk(
            newChunk(
              key,
              due.map((e) => e.subscription.id),
              page.last,
              lease,
              dueWindows,
            ),
            now,
            marks,
          );
          if (made.created) entriesOf.set(key.start, due);
          return { ...made, loaded: due.map((e) => e.subscription) };
        } catch (error) {
          if (!(error instanceof StoreConflictError) || attempt >= CREATE_ATTEMPTS) throw error;
        }
      }
    },
    load: async (chunk) => (await loadEntries(chunk)).map((e) => e.subscription),
    async send(recipients, chunk, deadline) {
      const entries = await loadEntries(chunk);
      const items = await itemsOf(entries, chunk.windows ?? {});
      return send(
        part.frequency,
        recipients.map((recipient) => ({ recipient, items: items.get(recipient.subscription.id) ?? [] })),
        deadline,
      );
    },
    continueFrom: (start) => digestPartMessage(part, run, start),
  };
  return walkChunks(deps, settings, source, message);
}
