import { beforeAll, describe, expect, it } from 'vitest';
import { shardOf, shardsOfTripGroup, tripGroupOf, type FanOutPart } from '../../../shared/domain/fan-out';
import type { Traveler } from '../../../shared/domain/traveler';
import type { TripVisit } from '../../../shared/ports/traveler-store';
import { matchTravelerPage, travelerRange } from '../../../shared/services/match-travelers';
import { dayFromToday, publishedAlert } from '../../support/duty';
import { addPerson, makeHarness, type Harness } from '../../support/harness';
import { uniqueAddress } from '../../support/unique';

/**
 * A traveler part reads a group of the trip index's shards (g, g+2, …
 * g+14) as one sequence: pages run across the shards in order, never split
 * a traveler, and a range between two positions reads again exactly what
 * the page held; a chunk keeps at most its size of exposed travelers,
 * however many visits it reads. Travelers' ids are chosen so that the group
 * spans three shards; the country is this file's own.
 */
const COUNTRY = 'TO';
const GROUP = 1;

let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let member: Awaited<ReturnType<typeof addPerson>>;
/** Travelers of the group by shard: exposed ones (a trip from today) and, in the middle shard, one away (a trip in 40 days) and two back (trips that ended 20 days ago). */
const exposed: string[] = [];
let away: string;
const back: string[] = [];

/** Ids (unique to this run) whose shards are `shard`, found by counting up: the shard is a hash of the id. */
function idsInShard(shard: number, count: number, prefix: string): string[] {
  const ids: string[] = [];
  for (let n = 0; ids.length < count; n += 1) {
    const id = `${prefix}${String(n).padStart(6, '0')}`;
    if (shardOf(id) === shard) ids.push(id);
  }
  return ids;
}

async function travelerWithTrip(id: string, fromDay: number): Promise<void> {
  const now = h.deps.clock.now();
  const traveler: Traveler = { id, orgId: member.orgId, name: `Group ${id.slice(-4)}`, email: uniqueAddress('group'), channels: ['email'], stopCode: `g${id.slice(-9)}`.toLowerCase().replace(/[ilou]/g, 'x'), createdAt: now, updatedAt: now, createdBy: member.personId };
  await h.deps.travelers.createTraveler(traveler, []);
  const segments = [{ country: COUNTRY, from: dayFromToday(fromDay), to: dayFromToday(fromDay + 3) }];
  await h.deps.travelers.createTrip({ id: h.deps.ids.next(), orgId: member.orgId, travelerId: id, segments, endsOn: segments[0]!.to, createdAt: now, createdBy: member.personId }, 30, []);
}

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  member = await addPerson(h, 'member');
  const run = h.deps.ids.next().slice(-8);
  const [first, middle, last] = shardsOfTripGroup(GROUP);
  exposed.push(...idsInShard(first!, 2, `TG${run}A`), ...idsInShard(middle!, 2, `TG${run}B`), ...idsInShard(last!, 1, `TG${run}C`));
  away = idsInShard(middle!, 1, `TG${run}D`)[0]!;
  back.push(...idsInShard(middle!, 2, `TG${run}E`));
  for (const id of exposed) await travelerWithTrip(id, 0);
  await travelerWithTrip(away, 40);
  for (const id of back) await travelerWithTrip(id, -23);
});

describe('a traveler part over a group of shards', () => {
  it('is one part per marked group, whichever shards of it hold trips', async () => {
    expect(exposed.every((id) => tripGroupOf(shardOf(id)) === GROUP)).toBe(true);
    expect(await h.deps.travelers.occupiedTripParts('email', [COUNTRY])).toEqual([{ country: COUNTRY, group: GROUP }]);
  });

  it('pages across its shards in order, each visit once, and a range between two positions reads the same visits again', async () => {
    const part = { country: COUNTRY, group: GROUP };
    const pages: TripVisit[][] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 10; guard += 1) {
      const page = await h.deps.travelers.visitPage(part, 2, after);
      pages.push(page.items);
      expect(await h.deps.travelers.visitRange(part, after, page.last)).toEqual(page.items);
      if (page.last === null) break;
      after = page.last;
    }
    const read = pages.flat();
    expect(read.map((v) => v.travelerId).sort()).toEqual([...exposed, away, ...back].sort());
    expect(read.map((v) => v.position)).toEqual(read.map((v) => v.position).sort());
    expect(pages.at(-1)).toBeDefined();
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });

  it('passes over visits that ended before a day, and still pages through every shard when a page returns none of what it read', async () => {
    const part = { country: COUNTRY, group: GROUP };
    const returned: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (; pages < 20; pages += 1) {
      const page = await h.deps.travelers.visitPage(part, 1, after, dayFromToday(0));
      returned.push(...page.items.map((v) => v.travelerId));
      if (page.last === null) break;
      after = page.last;
    }
    expect(returned.sort()).toEqual([...exposed, away].sort());
    // Pages of one visit read: the two travelers back from their trips took pages of their own, which returned nothing.
    expect(pages).toBeGreaterThanOrEqual(exposed.length + 1 + back.length - 1);
  });

  it('keeps at most a chunk of exposed travelers per page, and the next page goes on after them', async () => {
    const version = await publishedAlert(h, publisher.key, [COUNTRY]);
    const part: FanOutPart = { scope: `trip:${COUNTRY}`, shard: GROUP };
    const sent: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 10; guard += 1) {
      const page = await matchTravelerPage(h.deps, new Map(), 'email', version, part, 2, after);
      expect(page.items.length).toBeLessThanOrEqual(2);
      // Another worker building the same chunk reads the same travelers (and more visits, which the chunk's ids leave out).
      const again = (await travelerRange(h.deps, 'email', part, after, page.last)).map((r) => r.id);
      expect(again).toEqual(expect.arrayContaining(page.items.map((r) => r.id)));
      sent.push(...page.items.map((r) => r.id));
      if (page.last === null) break;
      after = page.last;
    }
    expect(sent.sort()).toEqual([...exposed].sort());
  });
});
