import { describe, expect, it } from 'vitest';
import { schedulerHandler } from '../../../functions/scheduler/handler';
import { localSchedulerDeps, type LocalApiDeps } from '../../../functions/wiring/local';
import { createMessageBus } from '../../../infra/local/message-bus';
import { busRequeue, registerWorkers } from '../../../infra/local/workers';
import { channelDeliveryConfig } from '../../../shared/services/channel-worker';
import type { HeldMessageStore } from '../../../shared/ports/held-message-store';
import type { Subscription } from '../../../shared/domain/subscription';
import { announceOnBus, announcementOf } from '../../support/announce';
import { addPerson, alertInput, call, makeHarness } from '../../support/harness';

/**
 * Releasing held messages when a worker stops or a send fails: a release is
 * claimed under a lease and removed after the send, so a worker that stops
 * between claim and send leaves the message to a later release (once its
 * lease has run out), and one that stops with the send in flight leaves
 * SMS's rule for an unknown outcome (recorded failed, not resent). Each
 * test has a table of its own and a clock it moves: an SMS subscriber in
 * UTC with quiet hours 22:00–07:00, a Moderate alert at 02:00.
 */

const LEASE_MS = channelDeliveryConfig('sms').leaseSeconds * 1000;
const NIGHT = '2027-01-05T02:00:00.000Z';
const MORNING = '2027-01-05T07:00:00.000Z';

/** `stop` decides which steps of the worker fail once, as a worker that stops there would. */
async function heldAlert(stop: (deps: LocalApiDeps) => Partial<LocalApiDeps>) {
  let now = NIGHT;
  const h = await makeHarness({ clock: { now: () => now } });
  const publisher = await addPerson(h, 'publisher');
  const subscription: Subscription = {
    id: h.deps.ids.next(),
    channel: 'sms',
    status: 'active',
    createdAt: now,
    filters: { countries: ['PE'], regions: [], kinds: [] },
    timing: { frequency: 'immediate', timeZone: 'UTC', quietHours: { from: '22:00', to: '07:00' } },
    address: `+1202555${h.tableName.replace(/\D/g, '').slice(-4).padStart(4, '0')}`,
  };
  await h.deps.subscriptions.create(subscription, []);
  const workerDeps = { ...h.deps, ...stop(h.deps) };
  const bus = createMessageBus({ backoff: () => 0 });
  registerWorkers(bus, workerDeps, { sleep: async () => {} });
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['PE'], 'TLP:CLEAR', { title: 'Lima roadblocks', severity: 'Moderate', urgency: 'Expected' }) });
  expect(created.status, created.text).toBe(201);
  expect((await call(h, 'POST', `/v1/publications/${created.json.id as string}/publish`, { key: publisher.key })).status).toBe(200);
  await announceOnBus(bus, announcementOf((await h.deps.publications.get(created.json.id as string))!.current!));
  await bus.drain();
  const texts = () => h.deps.outbox!.list().filter((r) => r.to === subscription.address);
  expect(texts()).toHaveLength(0);
  const release = async (at: string) => {
    now = at;
    await schedulerHandler(localSchedulerDeps(h.deps, busRequeue(bus)))({ task: 'release-held', at });
    await bus.drain();
    return texts().length;
  };
  return { release };
}

/** A store whose method `name` throws once (the worker stops there), then behaves. */
function failingOnce<K extends 'markSending' | 'settle'>(held: HeldMessageStore, name: K): HeldMessageStore {
  let failures = 1;
  const store = Object.create(held) as HeldMessageStore;
  const original = held[name].bind(held) as (...args: unknown[]) => Promise<unknown>;
  (store as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
    if (failures > 0) {
      failures -= 1;
      throw new Error(`worker stopped at ${name}`);
    }
    return original(...args);
  };
  return store;
}

describe('releasing held messages', () => {
  it('sends a message whose worker stopped between claim and send exactly once, by a release after the lease has run out', async () => {
    const { release } = await heldAlert((deps) => ({ held: failingOnce(deps.held, 'markSending') }));
    // Claimed, then the worker stopped: nothing sent, and the claim keeps other releases off it while its lease lasts.
    expect(await release(MORNING)).toBe(0);
    expect(await release(new Date(Date.parse(MORNING) + LEASE_MS / 2).toISOString())).toBe(0);
    expect(await release(new Date(Date.parse(MORNING) + LEASE_MS + 60_000).toISOString())).toBe(1);
    expect(await release(new Date(Date.parse(MORNING) + 2 * LEASE_MS + 120_000).toISOString())).toBe(1);
  });

  it('gives a message back when its send fails, and the next release sends it once', async () => {
    let failures = 1;
    const { release } = await heldAlert((deps) => ({
      sms: {
        sendSms: async (message) => {
          if (failures > 0) {
            failures -= 1;
            throw new Error('provider unreachable');
          }
          return deps.outbox!.sendSms(message);
        },
      },
    }));
    expect(await release(MORNING)).toBe(0);
    // Due again at once: the next minute's release sends it, and later ones find nothing.
    expect(await release(new Date(Date.parse(MORNING) + 60_000).toISOString())).toBe(1);
    expect(await release(new Date(Date.parse(MORNING) + 120_000).toISOString())).toBe(1);
  });

  it('does not resend an SMS whose worker stopped with the send in flight (its outcome is unknown), as SMS fan-outs do not', async () => {
    const { release } = await heldAlert((deps) => ({ held: failingOnce(deps.held, 'settle') }));
    // Sent, then the worker stopped before removing it.
    expect(await release(MORNING)).toBe(1);
    expect(await release(new Date(Date.parse(MORNING) + LEASE_MS + 60_000).toISOString())).toBe(1);
    expect(await release(new Date(Date.parse(MORNING) + 2 * LEASE_MS + 120_000).toISOString())).toBe(1);
  });
});
