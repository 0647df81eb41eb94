import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonLogger } from '../../../shared/adapters/system/json-logger';
import type { Announcement } from '../../../shared/domain/announcement';
import { announcementOf, announceOnBus } from '../../support/announce';
import type { Subscription } from '../../../shared/domain/subscription';
import { RecipientRejectedError } from '../../../shared/errors';
import { createMessageBus } from '../../../infra/local/message-bus';
import { registerWorkers } from '../../../infra/local/workers';
import { addPerson, alertInput, call, makeHarness, type Harness } from '../../support/harness';
import { assertProperty } from '../../support/property';
import { uniqueMarker } from '../../support/unique';
import { topology } from '../../../shared/topology';

/**
 * Generated publications of every sharing level and generated subscribers,
 * published through the API and delivered by the real workers on the local
 * bus. Nothing above TLP:CLEAR reaches an anonymous response, feed, page,
 * CAP document or an unentitled recipient; no email address or phone number
 * reaches a public output or a log line.
 */
const logLines: string[] = [];
let h: Harness;
type Person = Awaited<ReturnType<typeof addPerson>>;
let publisher: Person;
const members: Person[] = [];
const everyAddress: string[] = [];
const publicBodies: string[] = [];

beforeAll(async () => {
  h = await makeHarness({ logger: jsonLogger({ service: 'test' }, (line) => logLines.push(line), 'info') });
  publisher = await addPerson(h, 'publisher');
  for (let i = 0; i < 3; i += 1) members.push(await addPerson(h, 'member'));
});

const COUNTRIES = ['FR', 'KE', 'JP', 'BR', 'EG'];
const SMS_KINDS = topology.queues.sms.subscription.filterPolicy.kind;

const itemArb = fc.record({
  kind: fc.constantFrom('security-alert', 'announcement'),
  sharing: fc.constantFrom('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER'),
  countries: fc.subarray(COUNTRIES, { minLength: 1, maxLength: 2 }),
  recipients: fc.subarray([0, 1, 2], { minLength: 1, maxLength: 2 }),
  // Variety only: the marker itself comes from uniqueMarker(), so no earlier item's text contains it.
  letters: fc.string({ minLength: 6, maxLength: 12 }),
});

const subscriberArb = fc.array(
  fc.record({
    channel: fc.constantFrom('email', 'sms'),
    member: fc.option(fc.constantFrom(0, 1, 2), { nil: undefined }),
    local: fc.stringMatching(/^[a-z][a-z0-9._-]{2,12}[a-z0-9]$/),
    domain: fc.constantFrom('example.org', 'mail.example.com', 'corp.example.net'),
    digits: fc.integer({ min: 0, max: 9999 }),
  }),
  { minLength: 2, maxLength: 5 },
);

let serial = 0;
async function subscribe(gen: { channel: string; member: number | undefined; local: string; domain: string; digits: number }, country: string): Promise<Subscription> {
  serial += 1;
  const address = gen.channel === 'email' ? `${gen.local}.${serial}@${gen.domain}` : `+1202555${String((gen.digits + serial * 37) % 10000).padStart(4, '0')}`;
  everyAddress.push(address);
  const sub: Subscription = {
    id: h.deps.ids.next(),
    status: 'active',
    createdAt: h.deps.clock.now(),
    channel: gen.channel as 'email',
    address,
    filters: { countries: [country], regions: [], kinds: [] },
    ...(gen.member !== undefined ? { orgId: members[gen.member]!.orgId } : {}),
  };
  await h.deps.subscriptions.create(sub, []);
  return sub;
}

type Item = (typeof itemArb extends fc.Arbitrary<infer T> ? T : never) & { marker: string };

async function publish(item: Item): Promise<Announcement> {
  const recipients = item.sharing === 'TLP:AMBER' ? item.recipients.map((i) => members[i]!.orgId) : undefined;
  const text = { title: `Title ${item.marker}`, summary: `Summary ${item.marker}`, body: `Body **${item.marker}**` };
  const input =
    item.kind === 'security-alert'
      ? alertInput(item.countries, item.sharing as 'TLP:CLEAR', { ...text, ...(recipients ? { recipients } : {}) })
      : { kind: 'announcement', countries: item.countries, sharing: item.sharing, ...text, ...(recipients ? { recipients } : {}) };
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: input });
  expect(created.status, created.text).toBe(201);
  const id = created.json.id as string;
  expect((await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key })).status).toBe(200);
  const v = (await h.deps.publications.get(id))!.current!;
  return announcementOf(v);
}

/** Every anonymous read that could carry the item: the JSON API, every feed scope and format, CAP, the calendar, and the pages. */
function publicPaths(a: Announcement): string[] {
  const scopes = ['all', `kinds/${a.kind}`, ...a.countries.map((cc) => `countries/${cc}`), ...a.regions.map((r) => `regions/${r}`)];
  return [
    `/v1/publications/${a.publicationId}`,
    `/v1/publications/${a.publicationId}/versions`,
    `/v1/publications/${a.publicationId}/versions/1/diff`,
    '/v1/publications?limit=100',
    `/v1/publications?kind=${a.kind}&limit=100`,
    ...a.countries.flatMap((cc) => [`/v1/countries/${cc}`, `/v1/publications?country=${cc}&limit=100`, `/countries/${cc}`, `/feeds/countries/${cc}/anniversaries.ics`]),
    ...a.regions.map((r) => `/v1/publications?region=${r}&limit=100`),
    '/v1/countries',
    ...scopes.flatMap((s) => ['rss', 'atom', 'json'].map((f) => `/feeds/${s}.${f}`)),
    '/feeds/alerts.cap',
    `/cap/${a.publicationId}.xml`,
    '/feeds/anniversaries.ics',
    '/',
    '/countries',
    `/publications/${a.publicationId}`,
    '/subscribe',
    '/openapi.json',
  ];
}

describe('sharing levels and personal data, end to end', () => {
  it('GREEN and AMBER reach only entitled callers and recipients; addresses reach no public output', { timeout: 180_000 }, async () => {
    await assertProperty(
      fc.asyncProperty(itemArb, subscriberArb, async (generated, gens) => {
        const item: Item = { ...generated, marker: uniqueMarker(generated.letters) };
        const subs = await Promise.all(gens.map((g) => subscribe(g, item.countries[0]!)));
        // One phone number is refused by the carrier: its failure is logged, never its number.
        const rejected = subs.find((s) => s.channel === 'sms');
        const outbox = h.deps.outbox!;
        const sms = {
          sendSms: async (m: { to: string; text: string }) => {
            if (m.to === rejected?.address) throw new RecipientRejectedError('opted-out', `carrier refused ${m.to}`);
            return outbox.sendSms(m);
          },
        };
        const bus = createMessageBus({ backoff: () => 0 });
        registerWorkers(bus, { ...h.deps, sms }, { sleep: async () => {} });

        const a = await publish(item);
        await announceOnBus(bus, a);
        await bus.drain();

        // Anonymous: every public output.
        for (const path of publicPaths(a)) {
          const res = await call(h, 'GET', path);
          expect(res.status, path).toBeLessThan(500);
          publicBodies.push(res.text);
          if (item.sharing !== 'TLP:CLEAR') expect(res.text.includes(item.marker), `${item.sharing} on ${path}`).toBe(false);
        }
        const anonymousItem = await call(h, 'GET', `/v1/publications/${a.publicationId}`);
        expect(anonymousItem.status).toBe(item.sharing === 'TLP:CLEAR' ? 200 : 404);

        // Deliveries: each matched subscriber got the item once if entitled, and nothing otherwise.
        for (const sub of subs) {
          const org = sub.orgId ? members.findIndex((m) => m.orgId === sub.orgId) : -1;
          const entitled = item.sharing === 'TLP:CLEAR' || (org >= 0 && (item.sharing === 'TLP:GREEN' || item.recipients.includes(org)));
          const got = outbox.list().filter((m) => m.to === sub.address && `${m.subject ?? ''}${m.text}${m.html ?? ''}`.includes(a.publicationId));
          const refused = sub === rejected;
          // The SMS queue's filter policy takes only some kinds (an announcement is never texted).
          const carried = sub.channel !== 'sms' || (SMS_KINDS as readonly string[]).includes(item.kind);
          expect(got.length, `${sub.channel} ${sub.orgId ? `member ${org}` : 'public'} for ${item.kind} ${item.sharing}`).toBe(entitled && carried && !refused ? 1 : 0);
          for (const m of got) expect(`${m.text}${m.html ?? ''}`).not.toMatch(item.sharing === 'TLP:CLEAR' ? /TLP:(GREEN|AMBER)/ : /$^/);
        }
        for (const m of outbox.list()) {
          // No message to a non-entitled recipient carries the marker either (subject, text or HTML).
          const sub = subs.find((s) => s.address === m.to);
          if (!sub || `${m.subject ?? ''}${m.text}${m.html ?? ''}`.includes(item.marker) === false) continue;
          const org = sub.orgId ? members.findIndex((x) => x.orgId === sub.orgId) : -1;
          expect(item.sharing === 'TLP:CLEAR' || (org >= 0 && (item.sharing === 'TLP:GREEN' || item.recipients.includes(org)))).toBe(true);
        }
      }),
      { numRuns: 12 },
    );
  });

  it('keeps personal data out of public outputs even when people subscribe and ask for their data through the API', async () => {
    const email = 'walter.personal+alerts@example.org';
    const phone = '+12025550199';
    everyAddress.push(email, phone);
    expect((await call(h, 'POST', '/v1/subscriptions', { body: { channel: 'email', address: email, countries: ['FR'] } })).status).toBe(201);
    expect((await call(h, 'POST', '/v1/subscriptions', { body: { channel: 'sms', address: phone, countries: ['FR'] } })).status).toBe(201);
    expect((await call(h, 'POST', '/v1/subscriptions', { key: members[0]!.key, body: { channel: 'email', address: `m.${email}`, countries: ['FR'] } })).status).toBe(201);
    everyAddress.push(`m.${email}`);
    expect((await call(h, 'POST', '/v1/personal-data/requests', { body: { address: email } })).status).toBeLessThan(300);
    expect((await call(h, 'POST', '/v1/subscriptions?address=' + encodeURIComponent(email), { body: { channel: 'email', address: 'not-an-email' } })).status).toBe(422);
    // Another organization never sees the member's subscriber addresses.
    const other = await call(h, 'GET', '/v1/subscriptions', { key: members[1]!.key });
    expect(other.text).not.toContain(`m.${email}`);
    for (const path of ['/', '/countries/FR', '/feeds/all.rss', '/feeds/all.json', '/feeds/alerts.cap', '/v1/countries/FR', '/v1/publications']) publicBodies.push((await call(h, 'GET', path)).text);
  });

  it('no public output and no log line carries an email address or phone number', () => {
    expect(logLines.length).toBeGreaterThan(50);
    expect(everyAddress.length).toBeGreaterThan(10);
    const logs = logLines.join('\n');
    const outputs = publicBodies.join('\n');
    for (const address of everyAddress) {
      expect(logs.includes(address), `log carries ${address}`).toBe(false);
      expect(outputs.includes(address), `public output carries ${address}`).toBe(false);
      // The domain-less local part or the national number alone would still identify a person.
      const distinctive = address.startsWith('+') ? address.slice(2) : address.split('@')[0]!;
      expect(logs.includes(distinctive), `log carries part of ${address}`).toBe(false);
    }
    // And nothing shaped like one, whoever it belongs to.
    expect(logs).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/);
    expect(logs).not.toMatch(/\+\d{10,15}/);
  });
});
