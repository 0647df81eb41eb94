import { expect } from 'vitest';
import type { Announcement } from '../../shared/domain/announcement';
import type { Channel } from '../../shared/domain/channel';
import type { FanOutPart } from '../../shared/domain/fan-out';
import type { Version } from '../../shared/domain/publication';
import { planFanOut } from '../../shared/services/plan-fan-out';
import { alertInput, call, type Harness } from './harness';

const DAY = 86_400_000;

/** The day `offset` days from today (UTC), as trips name days. */
export const dayFromToday = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

/** Registers a trip through the API, its segments given as day offsets from today; answers its id. */
export async function postTrip(h: Harness, key: string, travelerId: string, segments: { country: string; from: number; to: number }[]): Promise<string> {
  const res = await call(h, 'POST', '/v1/trips', { key, body: { travelerId, segments: segments.map((s) => ({ country: s.country, from: dayFromToday(s.from), to: dayFromToday(s.to) })) } });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

/** Publishes a CLEAR security alert and answers its first version, as the workers read it. */
export async function publishedAlert(h: Harness, publisherKey: string, countries: string[]): Promise<Version> {
  const created = await call(h, 'POST', '/v1/publications', { key: publisherKey, body: alertInput(countries, 'TLP:CLEAR') });
  expect(created.status, created.text).toBe(201);
  expect((await call(h, 'POST', `/v1/publications/${created.json.id}/publish`, { key: publisherKey })).status).toBe(200);
  const version = await h.deps.deliveries.publishedVersion(created.json.id as string, 1);
  expect(version).toBeDefined();
  return version!;
}

/** Plans a published security alert on one channel, traveler parts included: what planning answered and the parts it queued, in order. */
export async function plannedParts(h: Harness, channel: Channel, version: Version, publisherOrgId: string): Promise<{ planned: number; parts: FanOutPart[] }> {
  const queued: string[] = [];
  const announcement: Announcement = {
    publicationId: version.id,
    version: version.version,
    kind: 'security-alert',
    countries: version.content.countries,
    regions: [],
    sharing: 'TLP:CLEAR',
    recipients: [],
    orgId: publisherOrgId,
    major: true,
    publishedAt: version.publishedAt,
  };
  const planned = await planFanOut({ ...h.deps, requeue: { requeue: async (_channel, bodies) => void queued.push(...bodies) } }, channel, announcement, { travelers: true });
  return { planned, parts: queued.map((body) => (JSON.parse(body) as { part: FanOutPart }).part) };
}
