import { deliveryIdOf, isTravelerPart, travelerDeliveryKey, type FanOutPart } from '../domain/fan-out';
import type { HealthOutcome } from '../domain/delivery-health';
import type { Version } from '../domain/publication';
import type { Subscription } from '../domain/subscription';
import type { ChunkRecord, DeliveryTotals, RecipientOutcome } from '../ports/delivery-store';
import { LeaseLostError } from '../errors';
import { acquireSendRate } from './acquire-send-rate';
import type { ChannelSend, DeliveryConfig, DeliveryDeps, Recipient, SendResult } from './delivery-work';
import { travelerRange } from './match-travelers';
import { runPool } from './run-pool';

/** What a round did, for the worker's report. `paused`: the invocation's time ran out before its last batch; the lease was given up. */
export interface RoundReport {
  state: 'retry' | 'done' | 'paused';
  sent: number;
  failed: number;
  retrying: number;
  deadLettered: number;
}


/** What the sender is told of a recipient the index no longer holds (unsubscribed or suspended since the chunk was made). */
const GONE: RecipientOutcome = { state: 'failed', reason: 'no-longer-subscribed' };
/** A batch whose send may or may not have happened when its worker stopped, on a channel that must not resend. */
const UNKNOWN: RecipientOutcome = { state: 'failed', reason: 'outcome-unknown: the worker stopped while sending; not resent to avoid a duplicate' };

function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function totalsOf(chunk: Pick<ChunkRecord, 'outcomes' | 'sentCount'>): DeliveryTotals {
  const all = Object.values(chunk.outcomes);
  return { sent: chunk.sentCount, failed: all.filter((o) => o.state === 'failed').length, deadLettered: all.filter((o) => o.state === 'dead-lettered').length };
}

/** Who a new round sends to: the recipients that wait for a retry or were dead-lettered (a redriven message tries them again). */
export function retryTargets(chunk: Pick<ChunkRecord, 'recipients' | 'outcomes'>): string[] {
  return chunk.recipients.filter((id) => chunk.outcomes[id]?.state === 'retry' || chunk.outcomes[id]?.state === 'dead-lettered');
}

export interface RoundInput {
  chunk: ChunkRecord;
  token: string;
  part: FanOutPart;
  /** The chunk's subscriptions when this worker just read them; otherwise they are read again from the index. */
  loaded?: readonly Subscription[] | undefined;
  /** This worker took the chunk over from a stopped one. */
  tookOver: boolean;
  /** The last receive SQS allows: what still fails is dead-lettered. */
  finalReceive: boolean;
  /** Epoch milliseconds after which no batch starts (at least one always does, so every receive moves on). */
  deadline: number;
}

/**
 * Sends one round of a chunk it holds the lease on: the first round to
 * every recipient, later rounds to those waiting for a retry. Batch by
 * batch: mark the batch in flight, take the provider's rate, send, record
 * the outcomes (one conditional write a batch); then end the round, adding
 * its counts to the fan-out's progress in the same transaction.
 */
export async function runChunkRound(deps: DeliveryDeps, config: DeliveryConfig, send: ChannelSend, version: Version, input: RoundInput): Promise<RoundReport> {
  const { chunk, token } = input;
  const targets = chunk.roundTargets;
  const travelers = isTravelerPart(input.part);
  const after = chunk.start === '^' ? undefined : chunk.start;
  const subscriptions = input.loaded ?? (travelers ? await travelerRange(deps, config.channel, input.part, after, chunk.next) : await deps.subscriptions.matchRange(config.channel, input.part, after, chunk.next));
  const byId = new Map(subscriptions.map((s) => [s.id, s]));
  const outcomes: Record<string, RecipientOutcome> = { ...chunk.outcomes };
  let sentCount = chunk.sentCount;
  const report: RoundReport = { state: 'done', sent: 0, failed: 0, retrying: 0, deadLettered: 0 };
  const batches = batchesOf(targets, config.sendBatchSize);

  for (let index = chunk.batchesDone; index < batches.length; index += 1) {
    if (index > chunk.batchesDone && Date.now() >= input.deadline) {
      await deps.deliveries.releaseChunk(chunk, token);
      return { ...report, state: 'paused' };
    }
    const ids = batches[index]!;
    const settled: Record<string, RecipientOutcome> = {};
    const sent: string[] = [];
    if (input.tookOver && chunk.inFlight === index && !config.reclaimAbandoned) {
      for (const id of ids) settled[id] = UNKNOWN;
      deps.logger.warn('fan-out batch abandoned by a stopped worker; recorded failed, not resent', { channel: config.channel, publicationId: chunk.publicationId, version: chunk.version, recipients: ids.length });
    } else {
      const recipients: Recipient[] = [];
      for (const id of ids) {
        const subscription = byId.get(id);
        if (subscription) recipients.push({ subscription, deliveryId: deliveryIdOf(chunk.publicationId, chunk.version, travelers ? travelerDeliveryKey(id) : id) });
        else settled[id] = GONE;
      }
      if (recipients.length > 0) {
        if (config.rateProvider) await acquireSendRate(deps, config.rateProvider, recipients.length);
        if (!(await deps.deliveries.markInFlight(chunk, token, index))) throw new LeaseLostError();
        let results: Map<string, SendResult>;
        try {
          results = await send(recipients, version, input.deadline);
        } catch (error) {
          const reason = `unexpected: ${error instanceof Error ? error.name : 'non-error'}`;
          results = new Map(recipients.map((r) => [r.subscription.id, { state: 'retry', reason }]));
        }
        for (const { subscription } of recipients) {
          const result = results.get(subscription.id) ?? { state: 'retry', reason: 'no-result' };
          if (result.state === 'sent') sent.push(subscription.id);
          else if (result.state === 'failed') settled[subscription.id] = { state: 'failed', reason: result.reason };
          else settled[subscription.id] = { state: input.finalReceive ? 'dead-lettered' : 'retry', reason: result.reason };
        }
      }
    }
    if (!(await deps.deliveries.recordBatch(chunk, token, index, { sent, outcomes: settled }))) throw new LeaseLostError();
    for (const id of sent) delete outcomes[id];
    Object.assign(outcomes, settled);
    sentCount += sent.length;
    report.sent += sent.length;
    for (const outcome of Object.values(settled)) {
      if (outcome.state === 'failed') report.failed += 1;
      else if (outcome.state === 'retry') report.retrying += 1;
      else report.deadLettered += 1;
    }
    // Health is a subscription's; a traveler has none.
    if (!travelers) await recordHealth(deps, byId, sent, settled);
  }

  const totals = totalsOf({ outcomes, sentCount });
  const state = Object.values(outcomes).some((o) => o.state === 'retry' || o.state === 'dead-lettered') ? 'retry' : 'done';
  report.state = state;
  const partDone = chunk.next === null && chunk.rounds === 1;
  const finished = await deps.deliveries.finishRound(chunk, token, { state, counted: totals, before: chunk.counted, partDone }, deps.clock.now());
  if (!finished) throw new LeaseLostError();
  return report;
}

const HEALTH_OF: Record<RecipientOutcome['state'], HealthOutcome> = { failed: 'failed', retry: 'retrying', 'dead-lettered': 'dead-lettered' };

/**
 * Delivery health is what an organization's portal shows for its own
 * subscriptions, so it is kept for those (one write each); anonymous
 * subscriptions, which no one can see the health of, cost none.
 */
async function recordHealth(deps: DeliveryDeps, byId: ReadonlyMap<string, Subscription>, sent: readonly string[], settled: Readonly<Record<string, RecipientOutcome>>): Promise<void> {
  const at = deps.clock.now();
  const updates: [string, HealthOutcome, string | undefined][] = [
    ...sent.map((id): [string, HealthOutcome, undefined] => [id, 'sent', undefined]),
    ...Object.entries(settled).map(([id, o]): [string, HealthOutcome, string] => [id, HEALTH_OF[o.state], o.reason]),
  ].filter(([id]) => byId.get(id)?.orgId !== undefined);
  await runPool(updates, 10, async ([id, outcome, reason]) => {
    try {
      await deps.deliveries.recordHealth(id, outcome, reason, at);
    } catch (error) {
      // Health is a view for the portal; losing one count must never fail or repeat a delivery.
      deps.logger.warn('delivery health not recorded', { error: error instanceof Error ? error.name : 'non-error' });
    }
  });
}
