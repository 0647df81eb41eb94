import { expect } from 'vitest';
import { call, type Harness } from './harness';

const DAY = 86_400_000;

/** The day `offset` days from today (UTC), as trips name days. */
export const dayFromToday = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

/** Registers a trip through the API, its segments given as day offsets from today; answers its id. */
export async function postTrip(h: Harness, key: string, travelerId: string, segments: { country: string; from: number; to: number }[]): Promise<string> {
  const res = await call(h, 'POST', '/v1/trips', { key, body: { travelerId, segments: segments.map((s) => ({ country: s.country, from: dayFromToday(s.from), to: dayFromToday(s.to) })) } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}
