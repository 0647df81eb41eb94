import { describe, expect, it } from 'vitest';
import { schedulerHandler } from '../../../functions/scheduler/handler';
import { localSchedulerDeps } from '../../../functions/wiring/local';
import { createMessageBus } from '../../../infra/local/message-bus';
import { busRequeue, registerWorkers } from '../../../infra/local/workers';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/client';
import { refileWrites } from '../../../shared/adapters/dynamodb/digest-index';
import { digestSlot, isDigestDue } from '../../../shared/domain/digest';
import type { Subscription } from '../../../shared/domain/subscription';
import { addPerson, alertInput, call, makeHarness } from '../../support/harness';

/**
 * A subscriber switching time zone between two digest runs: their first
 * digest in the new zone lists everything since their own last digest,
 * even when the new zone's last run came later than the old zone's (the
 * items between the two were published before the new zone's cut-off, and
 * would otherwise be listed in no digest of theirs), and later ones follow
 * the new zone's runs. Each direction runs on a table of its own, with a
 * clock the test moves and the `send-digests` schedule run at every
 * quarter-hour at which one of the two zones is due, as in AWS.
 */

const QUARTER_HOUR = 15 * 60_000;
const DAILY = (timeZone: string) => ({ frequency: 'daily' as const, timeZone });

interface SwitchTimeline {
  from: string;
  to: string;
  /** When both subscribe: the switcher in `from`, a neighbour who stays in `to`. */
  start: string;
  /** Published before the switcher's first digest in `from`. */
  x: string;
  /** Published after `from`'s last run before the switch and before `to`'s: the gap. */
  a: string;
  switchAt: string;
  /** Published after the switch, before the first run of `to` that includes the switcher. */
  b: string;
  /** Published after that run: only the next digest lists it. */
  c: string;
  end: string;
}

async function runSwitch(timeline: SwitchTimeline) {
  let now = timeline.start;
  const h = await makeHarness({ clock: { now: () => now } });
  const publisher = await addPerson(h, 'publisher');
  const bus = createMessageBus({ backoff: () => 0 });
  registerWorkers(bus, h.deps, { sleep: async () => {} });
  const schedule = schedulerHandler(localSchedulerDeps(h.deps, busRequeue(bus)));
  const subscriber = (timeZone: string, name: string): Subscription => ({
    id: h.deps.ids.next(),
    channel: 'email',
    status: 'active',
    createdAt: now,
    filters: { countries: ['JP'], regions: [], kinds: [] },
    timing: DAILY(timeZone),
    address: `${name}-${h.tableName.slice(-8)}@example.org`,
  });
  const switcher = subscriber(timeline.from, 'switcher');
  const neighbour = subscriber(timeline.to, 'neighbour');
  for (const s of [switcher, neighbour]) await h.deps.subscriptions.create(s, []);

  const actions: { at: string; run: () => Promise<unknown> }[] = [];
  for (const [title, at] of [
    ['Item X', timeline.x],
    ['Item A', timeline.a],
    ['Item B', timeline.b],
    ['Item C', timeline.c],
  ] as const) {
    actions.push({
      at,
      run: async () => {
        const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['JP'], 'TLP:CLEAR', { title }) });
        expect(created.status, created.text).toBe(201);
        const published = await call(h, 'POST', `/v1/publications/${created.json.id as string}/publish`, { key: publisher.key });
        expect(published.status, published.text).toBe(200);
      },
    });
  }
  actions.push({
    at: timeline.switchAt,
    run: async () => {
      const current = (await h.deps.subscriptions.get(switcher.id))!;
      await h.deps.subscriptions.updateFilters(current, current.filters, now, [], DAILY(timeline.to));
    },
  });
  for (let t = Date.parse(digestSlot(timeline.start)) + QUARTER_HOUR; t <= Date.parse(timeline.end); t += QUARTER_HOUR) {
    const slot = new Date(t).toISOString();
    if ([timeline.from, timeline.to].some((zone) => isDigestDue('daily', zone, slot))) actions.push({ at: slot, run: () => schedule({ task: 'send-digests', at: slot }) });
  }
  actions.sort((p, q) => (p.at < q.at ? -1 : 1));
  for (const action of actions) {
    now = action.at;
    await action.run();
    await bus.drain();
  }
  const digestsOf = (s: Subscription) =>
    h.deps
      .outbox!.list()
      .filter((r) => r.to === s.address)
      .reverse()
      .map((r) => ['Item X', 'Item A', 'Item B', 'Item C'].filter((title) => r.text.includes(title)));
  return { switcher: digestsOf(switcher), neighbour: digestsOf(neighbour) };
}

describe('a digest subscriber switching time zone', () => {
  it('from Tokyo to New York after New York\'s morning run gets the items published in between in their first New York digest, once', { timeout: 60_000 }, async () => {
    // Tokyo's 08:00 is 23:00 UTC the day before; New York's (EST) is 13:00 UTC.
    const digests = await runSwitch({
      from: 'Asia/Tokyo',
      to: 'America/New_York',
      start: '2027-01-04T12:00:00.000Z',
      x: '2027-01-04T12:30:00.000Z',
      // After Tokyo's run at 2027-01-04T23:00Z, before New York's at 2027-01-05T13:00Z.
      a: '2027-01-05T03:00:00.000Z',
      switchAt: '2027-01-05T14:00:00.000Z',
      b: '2027-01-05T20:00:00.000Z',
      // After New York's run at 2027-01-06T13:00Z.
      c: '2027-01-06T15:00:00.000Z',
      end: '2027-01-07T14:00:00.000Z',
    });
    expect(digests.switcher).toEqual([['Item X'], ['Item A', 'Item B'], ['Item C']]);
    // The neighbour, in New York all along, had A in the run the switcher's window would otherwise have started after.
    expect(digests.neighbour).toEqual([['Item X'], ['Item A'], ['Item B'], ['Item C']]);
  });

  it('from New York to Tokyo after Tokyo\'s morning run gets the items published in between in their first Tokyo digest, once', { timeout: 60_000 }, async () => {
    const digests = await runSwitch({
      from: 'America/New_York',
      to: 'Asia/Tokyo',
      start: '2027-01-04T12:00:00.000Z',
      x: '2027-01-04T12:30:00.000Z',
      // After New York's run at 2027-01-04T13:00Z, before Tokyo's at 2027-01-04T23:00Z.
      a: '2027-01-04T18:00:00.000Z',
      switchAt: '2027-01-05T01:00:00.000Z',
      b: '2027-01-05T05:00:00.000Z',
      // After Tokyo's run at 2027-01-05T23:00Z.
      c: '2027-01-06T02:00:00.000Z',
      end: '2027-01-07T00:00:00.000Z',
    });
    expect(digests.switcher).toEqual([['Item X'], ['Item A', 'Item B'], ['Item C']]);
    expect(digests.neighbour).toEqual([['Item X', 'Item A'], ['Item B'], ['Item C']]);
  });

  it('fails a switch as a conflict when the new zone\'s run starts between reading its cut-off and writing the move', async () => {
    const h = await makeHarness();
    const db = createDocumentClient({ tableName: h.tableName, endpoint: h.endpoint });
    const before: Subscription = {
      id: h.deps.ids.next(),
      channel: 'email',
      status: 'active',
      createdAt: h.deps.clock.now(),
      filters: { countries: ['JP'], regions: [], kinds: [] },
      timing: DAILY('Asia/Tokyo'),
      address: `racer-${h.tableName.slice(-8)}@example.org`,
    };
    await h.deps.subscriptions.create(before, []);
    const after = { ...before, timing: DAILY('America/New_York') };
    const writes = await refileWrites(db, h.tableName, before, after, h.deps.clock.now());
    // New York's run moves its cut-off after the switch read it.
    await h.deps.digests.startRun({ frequency: 'daily', timeZone: 'America/New_York' }, '2027-01-05T13:00:00.000Z', '2026-12-01T13:00:00.000Z');
    await expect(db.send(new TransactWriteCommand({ TransactItems: writes }))).rejects.toThrow(/ConditionalCheckFailed/);
    // Read again, the switch goes through with the cut-off the run left.
    await db.send(new TransactWriteCommand({ TransactItems: await refileWrites(db, h.tableName, before, after, h.deps.clock.now()) }));
  });
});
