import { check } from '@placemarkio/check-geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Announcement } from '../../../shared/domain/announcement';
import { createMessageBus } from '../../../infra/local/message-bus';
import { registerWorkers } from '../../../infra/local/workers';
import { announcementOf, announceOnBus } from '../../support/announce';
import { addPerson, advisoryInput, alertInput, call, makeHarness, type Harness } from '../../support/harness';
import { uniqueAddress } from '../../support/unique';
import { capErrors, xpathString } from '../../unit/formats/xml-validation';

/**
 * Places end to end through the API: areas on alerts, validation, near
 * subscriptions delivered by the real workers on the local bus, the place
 * filters of the listing, the GeoJSON feeds and sub-national levels.
 */

/** Central Nairobi, about 4 × 3 km. */
const NAIROBI_CBD = [[[36.8, -1.3], [36.84, -1.3], [36.84, -1.27], [36.8, -1.27], [36.8, -1.3]]];
const IN_NAIROBI = { lat: -1.2864, lon: 36.8219, radiusKm: 1 };
const IN_MOMBASA = { lat: -4.0435, lon: 39.6682, radiusKm: 5 };

const polygonArea = (coordinates: number[][][], name?: string) => ({ type: 'Feature', properties: name ? { name } : {}, geometry: { type: 'Polygon', coordinates } });
const circleArea = (lon: number, lat: number, radiusKm: number) => ({ type: 'Feature', properties: { radiusKm }, geometry: { type: 'Point', coordinates: [lon, lat] } });
const areas = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let member: Awaited<ReturnType<typeof addPerson>>;

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  member = await addPerson(h, 'member');
});

async function publish(input: Record<string, unknown>): Promise<Announcement> {
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: input });
  expect(created.status, created.text).toBe(201);
  const id = created.json.id as string;
  if (input.kind === 'travel-advisory') {
    await call(h, 'POST', `/v1/publications/${id}/submit`, { key: publisher.key });
    const approver = await addPerson(h, 'publisher', publisher.org);
    expect((await call(h, 'POST', `/v1/publications/${id}/approve`, { key: approver.key })).status).toBe(200);
  }
  expect((await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key })).status).toBe(200);
  return announcementOf((await h.deps.publications.get(id))!.current!);
}

/** An active email subscription of the member's organization, created through the API. */
async function subscribe(filters: Record<string, unknown>): Promise<{ id: string; address: string; body: Record<string, any> }> {
  const address = uniqueAddress('near');
  const res = await call(h, 'POST', '/v1/subscriptions', { key: member.key, body: { channel: 'email', address, ...filters } });
  expect(res.status, res.text).toBe(201);
  await h.deps.subscriptions.setStatus(res.json.id, 'active', h.deps.clock.now(), []);
  return { id: res.json.id, address, body: res.json };
}

async function deliver(a: Announcement): Promise<void> {
  const bus = createMessageBus({ backoff: () => 0 });
  registerWorkers(bus, h.deps, { sleep: async () => {} });
  await announceOnBus(bus, a);
  await bus.drain();
}

const received = (address: string) => h.deps.outbox!.list().filter((m) => m.to === address && m.subject !== 'Confirm your Outpost alerts');

describe('alerts by place', () => {
  it('reaches a near-subscription inside a Nairobi polygon and not one in Mombasa; a Kenya-wide alert reaches both', async () => {
    const nairobi = await subscribe({ near: IN_NAIROBI });
    const mombasa = await subscribe({ near: IN_MOMBASA });
    expect(nairobi.body.near).toEqual({ ...IN_NAIROBI, country: 'KE' });
    expect(nairobi.body.countries).toEqual([]);

    await deliver(await publish(alertInput(['KE'], 'TLP:CLEAR', { title: 'Protest in central Nairobi', areas: areas(polygonArea(NAIROBI_CBD, 'Nairobi CBD')) })));
    expect(received(nairobi.address)).toHaveLength(1);
    expect(received(mombasa.address)).toHaveLength(0);

    await deliver(await publish(alertInput(['KE'], 'TLP:CLEAR', { title: 'Nationwide strike' })));
    expect(received(nairobi.address)).toHaveLength(2);
    expect(received(mombasa.address)).toHaveLength(1);
  });

  it('matches a circle alert by distance', async () => {
    const near = await subscribe({ near: { lat: -4.06, lon: 39.68, radiusKm: 1 } });
    const far = await subscribe({ near: { lat: -3.95, lon: 39.75, radiusKm: 2 } });
    await deliver(await publish(alertInput(['KE'], 'TLP:CLEAR', { areas: areas(circleArea(39.67, -4.05, 2)) })));
    expect(received(near.address)).toHaveLength(1); // ~1.6 km apart: within 2 + 1 km
    expect(received(far.address)).toHaveLength(0); // ~14 km apart
  });

  it('reaches a subscription to a site inside the area, and lists the site in the exposure', async () => {
    const site = await call(h, 'POST', '/v1/sites', { key: member.key, body: { name: 'Nairobi office', lat: -1.285, lon: 36.82, country: 'KE', contacts: [{ email: 'desk@example.org' }] } });
    expect(site.status, site.text).toBe(201);
    const elsewhere = await call(h, 'POST', '/v1/sites', { key: member.key, body: { name: 'Kisumu depot', lat: -0.1, lon: 34.75, country: 'KE' } });
    const sub = await subscribe({ sites: [site.json.id] });
    const a = await publish(alertInput(['KE'], 'TLP:CLEAR', { areas: areas(polygonArea(NAIROBI_CBD)) }));
    await deliver(a);
    expect(received(sub.address)).toHaveLength(1);
    const exposure = await call(h, 'GET', `/v1/publications/${a.publicationId}/exposure`, { key: member.key });
    expect(exposure.json.sites.map((s: { id: string }) => s.id)).toEqual([site.json.id]);
    expect(exposure.json.sites.map((s: { id: string }) => s.id)).not.toContain(elsewhere.json.id);
    expect((await call(h, 'DELETE', `/v1/sites/${site.json.id}`, { key: member.key })).status).toBe(409);
  });

  it('refuses a site whose point is not in its country, naming the field', async () => {
    const res = await call(h, 'POST', '/v1/sites', { key: member.key, body: { name: 'Dar office', lat: -6.79, lon: 39.21, country: 'KE' } });
    expect(res.status).toBe(422);
    expect(res.json.errors[0]).toEqual({ path: 'lat', message: 'the point lies in Tanzania, not in Kenya' });
  });
});

describe('area validation', () => {
  const draft = (extra: Record<string, unknown>) => call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['KE'], 'TLP:CLEAR', extra) });
  const paths = (res: Awaited<ReturnType<typeof draft>>) => (res.json.errors as { path: string }[]).map((e) => e.path);

  it('refuses an unclosed ring, naming it', async () => {
    const res = await draft({ areas: areas(polygonArea([[[36.8, -1.3], [36.84, -1.3], [36.84, -1.27], [36.8, -1.27]]])) });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(paths(res)).toEqual(['areas.features.0.geometry.coordinates.0']);
    expect(res.json.errors[0].message).toMatch(/not closed/);
  });

  it('refuses an area in another country', async () => {
    const dar = [[[39.2, -6.85], [39.3, -6.85], [39.3, -6.75], [39.2, -6.75], [39.2, -6.85]]];
    const res = await draft({ areas: areas(polygonArea(NAIROBI_CBD), polygonArea(dar)) });
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['areas.features.1.geometry']);
    expect(res.json.errors[0].message).toMatch(/outside Kenya/);
  });

  it('refuses a polygon of 2,000 vertices', async () => {
    const ring = Array.from({ length: 2000 }, (_, i) => [36.82 + 0.05 * Math.cos((2 * Math.PI * i) / 2000), -1.29 + 0.05 * Math.sin((2 * Math.PI * i) / 2000)]);
    const res = await draft({ areas: areas(polygonArea([[...ring, ring[0]!]])) });
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['areas']);
    expect(res.json.errors[0].message).toMatch(/2000 vertices/);
  });

  it('refuses a ring that crosses itself, a hole, a radius near zero and an unknown subdivision', async () => {
    const bowtie = [[[36.8, -1.3], [36.84, -1.27], [36.84, -1.3], [36.8, -1.27], [36.8, -1.3]]];
    const hole = [NAIROBI_CBD[0]!, [[36.81, -1.29], [36.82, -1.29], [36.82, -1.28], [36.81, -1.29]]];
    expect(paths(await draft({ areas: areas(polygonArea(bowtie)) }))).toEqual(['areas.features.0.geometry']);
    const holed = await draft({ areas: areas(polygonArea(hole)) });
    expect(paths(holed)).toEqual(['areas.features.0.geometry.coordinates']);
    expect(holed.json.errors[0].message).toMatch(/hole/);
    expect(paths(await draft({ areas: areas(circleArea(36.82, -1.29, 0.01)) }))).toEqual(['areas.features.0.properties.radiusKm']);
    expect(paths(await draft({ subdivisions: ['KE-110', 'TZ-01'] }))).toEqual(['subdivisions.1']);
    expect(paths(await draft({ subdivisions: ['KE-99'] }))).toEqual(['subdivisions.0']);
  });
});

describe('listing by place', () => {
  it('filters by near and bbox on areas, and on countries for items without areas', async () => {
    const zone = await publish(alertInput(['UG'], 'TLP:CLEAR', { title: 'Kampala zone', areas: areas(circleArea(32.58, 0.35, 3)) }));
    const national = await publish(alertInput(['RW'], 'TLP:CLEAR', { title: 'Rwanda national' }));
    const ids = async (query: string) => ((await call(h, 'GET', `/v1/publications?limit=100&${query}`)).json.items as { id: string }[]).map((i) => i.id);

    const kampala = await ids('near=0.35,32.6&radiusKm=5');
    expect(kampala).toContain(zone.publicationId);
    expect(kampala).not.toContain(national.publicationId);
    expect(await ids('near=0.6,32.9&radiusKm=5')).not.toContain(zone.publicationId); // in Uganda, away from the circle
    const kigali = await ids('bbox=29.9,-2.1,30.2,-1.8');
    expect(kigali).toContain(national.publicationId);
    expect(kigali).not.toContain(zone.publicationId);
    const bad = await call(h, 'GET', '/v1/publications?near=0.35,32.6&bbox=1,2,3,4');
    expect(bad.status).toBe(422);
  });
});

describe('GeoJSON feeds and sub-national levels', () => {
  it('serve current public items as valid GeoJSON with the documented properties', async () => {
    const a = await publish(alertInput(['TZ'], 'TLP:CLEAR', { title: 'Dar port closure', eventStart: '2026-12-01T06:00:00Z', areas: areas(polygonArea([[[39.28, -6.83], [39.31, -6.83], [39.31, -6.81], [39.28, -6.81], [39.28, -6.83]]], 'Port')) }));
    await publish(alertInput(['TZ'], 'TLP:GREEN', { title: 'Members only' }));
    for (const path of ['/feeds/alerts.geojson', '/feeds/countries/TZ.geojson']) {
      const res = await call(h, 'GET', path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
      expect(() => check(res.text)).not.toThrow();
      const feature = (res.json.features as { properties: Record<string, unknown>; geometry: { type: string } }[]).find((f) => f.properties.id === a.publicationId)!;
      expect(feature.geometry.type).toBe('Polygon');
      expect(feature.properties).toMatchObject({ kind: 'security-alert', level: null, title: 'Dar port closure', link: `http://outpost.test/publications/${a.publicationId}`, eventStart: '2026-12-01T06:00:00Z', placement: 'area', areaName: 'Port' });
      expect(feature.properties.publishedAt).toEqual(expect.any(String));
      expect(res.text).not.toContain('Members only');
    }
  });

  it('serve a CAP 1.2 alert whose area carries the polygon, the circle and the ISO 3166-2 geocodes, valid against the XSD', async () => {
    const a = await publish(
      alertInput(['KE'], 'TLP:CLEAR', { title: 'Nairobi and Mombasa closures', subdivisions: ['KE-30'], areas: areas(polygonArea(NAIROBI_CBD, 'Nairobi CBD'), circleArea(39.67, -4.05, 2.5)) }),
    );
    const res = await call(h, 'GET', `/cap/${a.publicationId}.xml`);
    expect(res.status).toBe(200);
    expect(await capErrors(res.text)).toEqual([]);
    const area = (path: string) => xpathString(res.text, `string(//*[local-name()="area"]/${path})`);
    expect(await area('*[local-name()="polygon"]')).toBe('-1.3,36.8 -1.3,36.84 -1.27,36.84 -1.27,36.8 -1.3,36.8');
    expect(await area('*[local-name()="circle"]')).toBe('-4.05,39.67 2.5');
    expect(await area('*[local-name()="areaDesc"]')).toBe('Nairobi CBD – Kenya');
    expect(await area('*[local-name()="geocode"][2]/*[local-name()="value"]')).toBe('KE-30');
  });

  it('show an advisory’s sub-national levels on the country, and leave the field out when there are none', async () => {
    await publish(advisoryInput('MX', 2, { subdivisions: ['MX-COL'], areaLevels: [{ level: 4, subdivisions: ['MX-COL', 'MX-GRO'], note: 'Crime and kidnapping.' }] }));
    const mexico = await call(h, 'GET', '/v1/countries/MX');
    expect(mexico.json.level).toBe(2);
    expect(mexico.json.areaLevels).toEqual([{ level: 4, subdivisions: ['MX-COL', 'MX-GRO'], note: 'Crime and kidnapping.' }]);
    await publish(advisoryInput('PE', 2));
    expect((await call(h, 'GET', '/v1/countries/PE')).json).not.toHaveProperty('areaLevels');
    const page = await call(h, 'GET', '/countries/MX');
    expect(page.text).toContain('Colima (MX-COL)');
    expect(page.text).toContain('Level 4');
  });
});
