import { beforeAll, describe, expect, it } from 'vitest';
import type { EmailMessage } from '../../../shared/ports/messaging';
import { addPerson, call, makeHarness, type Harness } from '../../support/harness';
import { browse } from '../../support/pages';
import { uniqueAddress } from '../../support/unique';

/**
 * Finding 3: whether an address is known (subscribed, opted out, a
 * person's) must not show in the status, body, headers or timing of any
 * anonymous route.
 */
let h: Harness;
let clients = 0;
const freshClient = () => `203.0.113.${++clients}`;

beforeAll(async () => {
  h = await makeHarness();
});

/** An address with an active subscription that cost no message this hour, as one made last week would. */
async function knownAddress(): Promise<string> {
  const address = uniqueAddress('known');
  const now = h.deps.clock.now();
  await h.deps.subscriptions.create(
    { id: h.deps.ids.next(), channel: 'email', address, filters: { countries: ['KE'], regions: [], kinds: [] }, status: 'pending', createdAt: now, updatedAt: now },
    [],
  );
  return address;
}

/**
 * What a caller can observe of an answer, less what differs between any two
 * requests: the Date header, the request's correlation id, Retry-After's
 * count of seconds (kept as present or not: two answers a second apart
 * count down differently), and the subscription's own id and times.
 */
function observable(res: { status: number; headers: Headers; json?: Record<string, unknown> | undefined; text: string }) {
  const body = res.json ? { ...res.json, id: undefined, createdAt: undefined, updatedAt: undefined } : res.text;
  const headers = [...res.headers].filter(([name]) => name !== 'date' && name !== 'x-correlation-id').map(([name, value]) => [name, name === 'retry-after' ? 'seconds' : value]);
  return { status: res.status, body, headers: headers.sort() };
}

describe('known and unknown addresses look the same', () => {
  it('spends a personal-data request’s per-address allowance whether or not anything is held, so a later subscribe answers both alike', async () => {
    const known = await knownAddress();
    const unknown = uniqueAddress('unknown');
    for (let i = 0; i < 3; i++) {
      const a = await call(h, 'POST', '/v1/personal-data/requests', { body: { address: known }, client: freshClient() });
      const b = await call(h, 'POST', '/v1/personal-data/requests', { body: { address: unknown }, client: freshClient() });
      expect(observable(a)).toEqual(observable(b));
    }
    const a = await call(h, 'POST', '/v1/subscriptions', { body: { channel: 'email', address: known }, client: freshClient() });
    const b = await call(h, 'POST', '/v1/subscriptions', { body: { channel: 'email', address: unknown }, client: freshClient() });
    expect(observable(a)).toEqual(observable(b));
    expect(a.status).toBe(429);
  });

  it('answers an anonymous subscription for a number that replied STOP as for any other number', async () => {
    const stopped = '+12025550141';
    const fresh = '+12025550142';
    expect((await call(h, 'POST', '/v1/dev/sms-opt-outs', { body: { phoneNumber: stopped } })).status).toBe(204);
    const a = await call(h, 'POST', '/v1/subscriptions', { body: { channel: 'sms', address: stopped, countries: ['KE'] }, client: freshClient() });
    const b = await call(h, 'POST', '/v1/subscriptions', { body: { channel: 'sms', address: fresh, countries: ['KE'] }, client: freshClient() });
    expect(observable(a)).toEqual(observable(b));
    expect(a.status).toBe(201);
  });
});

describe('known and unknown addresses take the same time', () => {
  const MIN_ANSWER_MS = 1000;
  /** A mail provider that takes 300 ms to accept a message: without a floor, a known address answers 300 ms later. */
  const SEND_MS = 300;
  let slow: Harness;
  let person: Awaited<ReturnType<typeof addPerson>>;

  beforeAll(async () => {
    const base = await makeHarness();
    const outbox = base.deps.outbox!;
    const email = { sendEmail: async (message: EmailMessage) => (await new Promise((r) => setTimeout(r, SEND_MS)), outbox.sendEmail(message)), sendBulkEmail: outbox.sendBulkEmail };
    slow = await makeHarness({ email, outbox, config: { ...base.deps.config, minAnswerMs: MIN_ANSWER_MS } });
    person = await addPerson(slow, 'member');
  });

  async function timed(run: () => Promise<unknown>): Promise<number> {
    const started = performance.now();
    await run();
    return performance.now() - started;
  }

  /** Both answers leave at the floor: not before it, and not so long after that the send shows. */
  function expectUniform(known: number, unknown: number) {
    for (const ms of [known, unknown]) {
      expect(ms).toBeGreaterThanOrEqual(MIN_ANSWER_MS - 5);
      expect(ms).toBeLessThan(MIN_ANSWER_MS + SEND_MS);
    }
  }

  it('answers a personal-data request for a known and an unknown address after the same minimum time', async () => {
    const known = uniqueAddress('timed');
    const now = slow.deps.clock.now();
    await slow.deps.subscriptions.create({ id: slow.deps.ids.next(), channel: 'email', address: known, filters: { countries: [], regions: [], kinds: [] }, status: 'pending', createdAt: now, updatedAt: now }, []);
    const sentBefore = slow.deps.outbox!.list().length;
    const k = await timed(() => call(slow, 'POST', '/v1/personal-data/requests', { body: { address: known }, client: freshClient() }));
    const u = await timed(() => call(slow, 'POST', '/v1/personal-data/requests', { body: { address: uniqueAddress('untimed') }, client: freshClient() }));
    expect(slow.deps.outbox!.list().length).toBe(sentBefore + 1);
    expectUniform(k, u);
  });

  it('answers a sign-in request for a person and for a stranger after the same minimum time', async () => {
    const email = (await slow.deps.directory.getPerson(person.personId))!.email;
    const sentBefore = slow.deps.outbox!.list().length;
    const k = await timed(() => browse(slow, 'POST', '/sign-in', { form: { email }, client: freshClient() }));
    const u = await timed(() => browse(slow, 'POST', '/sign-in', { form: { email: uniqueAddress('stranger') }, client: freshClient() }));
    expect(slow.deps.outbox!.list().length).toBe(sentBefore + 1);
    expectUniform(k, u);
  });
});
