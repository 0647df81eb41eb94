import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { addPerson, alertInput, call, makeHarness, type Harness } from '../../support/harness';
import { assertProperty } from '../../support/property';
import { uniqueMarker } from '../../support/unique';

/**
 * Generated publications of every sharing level, read by generated viewers
 * through every read route: GREEN never reaches anonymous callers and AMBER
 * never reaches an organization that is not named on it.
 */
let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
const members: Awaited<ReturnType<typeof addPerson>>[] = [];

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  for (let i = 0; i < 3; i++) members.push(await addPerson(h, 'member'));
});

const COUNTRIES = ['FR', 'KE', 'JP', 'BR', 'IN', 'EG'];

const itemArb = fc.record({
  sharing: fc.constantFrom('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER'),
  countries: fc.subarray(COUNTRIES, { minLength: 1, maxLength: 3 }),
  recipients: fc.subarray([0, 1, 2], { maxLength: 2 }),
  // Variety only: uniqueMarker() makes each run's marker unique, so an earlier item's title can never contain it.
  letters: fc.string({ minLength: 4, maxLength: 12 }),
});

async function readEverything(key: string | undefined, id: string, countries: string[]): Promise<string> {
  const paths = [`/v1/publications/${id}`, `/v1/publications/${id}/versions`, '/v1/publications?limit=100', ...countries.flatMap((cc) => [`/v1/countries/${cc}`, `/v1/publications?country=${cc}&limit=100`])];
  const bodies = await Promise.all(paths.map((p) => call(h, 'GET', p, key ? { key } : {})));
  return bodies.map((b) => b.text).join('\n');
}

describe('sharing levels', () => {
  it('never shows GREEN or AMBER to anonymous callers, nor AMBER to organizations not named', async () => {
    await assertProperty(
      fc.asyncProperty(itemArb, async (generated) => {
        const item = { ...generated, marker: uniqueMarker(generated.letters) };
        const recipients = item.sharing === 'TLP:AMBER' ? item.recipients.map((i) => members[i]!.orgId) : undefined;
        const created = await call(h, 'POST', '/v1/publications', {
          key: publisher.key,
          body: alertInput(item.countries, item.sharing as 'TLP:CLEAR', { title: `Alert ${item.marker}`, ...(recipients ? { recipients } : {}) }),
        });
        expect(created.status, created.text).toBe(201);
        const id = created.json.id as string;
        const published = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
        expect(published.status).toBe(200);

        const anonymous = await readEverything(undefined, id, item.countries);
        expect(anonymous.includes(item.marker)).toBe(item.sharing === 'TLP:CLEAR');

        for (const [index, member] of members.entries()) {
          const seen = (await readEverything(member.key, id, item.countries)).includes(item.marker);
          const entitled = item.sharing !== 'TLP:AMBER' || item.recipients.includes(index);
          expect(seen).toBe(entitled);
        }
        expect((await readEverything(publisher.key, id, item.countries)).includes(item.marker)).toBe(true);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('keeps an earlier, narrower version hidden after the item is widened to CLEAR', async () => {
    const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['FR'], 'TLP:GREEN', { body: 'secret-v1-text' }) });
    const id = created.json.id as string;
    const v1 = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
    await call(h, 'PATCH', `/v1/publications/${id}`, {
      key: publisher.key,
      body: { sharing: 'TLP:CLEAR', body: 'public text', changeNote: 'Cleared for release', major: true },
      headers: { 'if-match': v1.headers.get('etag')! },
    });
    await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
    const versions = await call(h, 'GET', `/v1/publications/${id}/versions`);
    expect(versions.json.items).toHaveLength(1);
    expect(versions.text).not.toContain('secret-v1-text');
  });

  it('refuses a GREEN travel advisory: advisories are public', async () => {
    const res = await call(h, 'POST', '/v1/publications', {
      key: publisher.key,
      body: { kind: 'travel-advisory', title: 'x', countries: ['FR'], summary: 's', body: '', sharing: 'TLP:GREEN', level: 2, indicators: [] },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors).toContainEqual({ path: 'sharing', message: expect.stringMatching(/TLP:CLEAR/) });
  });
});
