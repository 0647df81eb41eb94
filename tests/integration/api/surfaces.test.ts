import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { committedOpenApiDocument } from '../../../functions/api/openapi/committed-document';
import { createApiApp } from '../../../functions/api/surfaces/api';
import { createWebApp } from '../../../functions/api/surfaces/people';
import { createPublicReadApp } from '../../../functions/api/surfaces/public-read';
import type { AppEnv } from '../../../functions/http/env';
import { awsApiDeps } from '../../../functions/wiring/aws/api';
import { awsObservability } from '../../../functions/wiring/aws/observability';
import { awsPublicReadDeps } from '../../../functions/wiring/aws/public-read';
import { functions, serviceOf, topology, type FunctionSpec } from '../../../shared/topology';
import { routeTarget, samplePath } from '../../support/api-gateway-routes';
import { addPerson, alertInput, BASE_URL, call, makeHarness, type Harness } from '../../support/harness';

/**
 * The surfaces split the app between the functions that serve HTTP in AWS:
 * every route of the local app is served by the function API Gateway sends
 * it to (topology.http), and the functions' own wiring serves their routes
 * without the ports they leave unwired, the public reads without a write.
 */
let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let member: Awaited<ReturnType<typeof addPerson>>;
let publicationId: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  member = await addPerson(h, 'member');
  const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['KE'], 'TLP:CLEAR') });
  publicationId = created.json.id;
  await call(h, 'POST', `/v1/publications/${publicationId}/publish`, { key: publisher.key });
  // The AWS wiring reads its table from the environment; the SDK takes DynamoDB Local's endpoint from there too.
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: h.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
});

afterAll(() => {
  process.env = savedEnv;
  vi.restoreAllMocks();
});

const awsEnv = () => ({ TABLE_NAME: h.tableName, PUBLIC_BASE_URL: BASE_URL, LINK_SIGNING_SECRET: 'l'.repeat(48) });

/** The function app serving each HTTP function of the topology, built on the harness's (local) ports. */
function functionApps(): Map<FunctionSpec, readonly { method: string; path: string }[]> {
  return new Map<FunctionSpec, readonly { method: string; path: string }[]>([
    [functions.api, createApiApp(h.deps).routes],
    [functions.publicRead, createPublicReadApp(h.deps, committedOpenApiDocument).routes],
    [functions.web, createWebApp(h.deps).routes],
  ]);
}

async function request(app: Hono<AppEnv>, path: string, key?: string) {
  const res = await app.request(new Request(`${BASE_URL}${path}`, { headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), accept: 'text/html' } }));
  await res.arrayBuffer();
  return res.status;
}

describe('routing between the HTTP functions', () => {
  it('serves every route of the local app (but the local developer routes) in the function API Gateway sends it to', () => {
    const apps = functionApps();
    for (const route of h.routes.filter((r) => !/^\/(v1\/)?dev\//.test(r.path))) {
      const target = routeTarget(topology.http, route.method, samplePath(route.path));
      const served = apps.get(target)!.some((r) => r.method === route.method && r.path === route.path);
      expect(served, `${route.method} ${route.path} → ${target.entry}`).toBe(true);
    }
  });

  it('serves no route in a function API Gateway never sends it to', () => {
    for (const [spec, routes] of functionApps()) {
      for (const route of routes) expect(routeTarget(topology.http, route.method, samplePath(route.path)), `${route.method} ${route.path}`).toBe(spec);
    }
  });

  it('describes every JSON route in the OpenAPI document the public read function serves, as the local app does', async () => {
    const paths = async (app: Hono<AppEnv>) => Object.keys((await (await app.request(`${BASE_URL}/openapi.json`)).json()).paths as object).sort();
    const local = (await paths(h.app)).filter((p) => !p.startsWith('/v1/dev/'));
    expect(await paths(createPublicReadApp(h.deps, committedOpenApiDocument).app)).toEqual(local);
  });
});

describe('the functions with their own AWS wiring', () => {
  it('answers every public read, anonymous or with a member key, without one write to the table', async () => {
    const app = createPublicReadApp(awsPublicReadDeps(awsObservability({ POWERTOOLS_SERVICE_NAME: serviceOf(functions.publicRead) }), { ...awsEnv() }), committedOpenApiDocument).app;
    const sent: string[] = [];
    // Observes, and still sends: every command reaches DynamoDB Local.
    const originalSend = DynamoDBDocumentClient.prototype.send;
    const spy = vi.spyOn(DynamoDBDocumentClient.prototype, 'send').mockImplementation(function (this: DynamoDBDocumentClient, ...args: unknown[]) {
      sent.push((args[0] as object).constructor.name);
      return (originalSend as (...a: unknown[]) => unknown).apply(this, args);
    } as never);
    const paths = [
      '/',
      '/countries?q=ken',
      '/countries/KE',
      `/publications/${publicationId}`,
      '/feeds/all.atom',
      '/feeds/countries/KE.rss',
      '/feeds/alerts.cap',
      `/cap/${publicationId}.xml`,
      '/feeds/anniversaries.ics',
      '/openapi.json',
      '/v1/health',
      '/v1/countries',
      '/v1/countries/KE',
      '/v1/publications?country=KE',
      `/v1/publications/${publicationId}`,
      `/v1/publications/${publicationId}/versions`,
    ];
    try {
      for (const path of paths) {
        for (const key of [undefined, member.key]) expect(await request(app, path, key), `${path} ${key ? 'member' : 'anonymous'}`).toBeLessThan(400);
      }
    } finally {
      spy.mockRestore();
    }
    expect(sent.length).toBeGreaterThan(0);
    expect([...new Set(sent)].sort()).toEqual(expect.arrayContaining(['GetCommand', 'QueryCommand']));
    for (const command of sent) expect(command).toMatch(/^(Get|Query|BatchGet)Command$/);
  });

  it('runs the publishing workflow, keys and delivery status in the JSON API function, which wires no messaging', async () => {
    const app = createApiApp(awsApiDeps(awsObservability({ POWERTOOLS_SERVICE_NAME: serviceOf(functions.api) }), { ...awsEnv() })).app;
    const send = (method: string, path: string, body?: unknown) =>
      app.request(new Request(`${BASE_URL}${path}`, { method, headers: { authorization: `Bearer ${publisher.key}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) }));
    const created = await send('POST', '/v1/publications', alertInput(['TZ'], 'TLP:GREEN'));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await send('POST', `/v1/publications/${id}/publish`)).status).toBe(200);
    for (const path of ['/v1/me', '/v1/keys', '/v1/workbench', `/v1/publications/${id}/deliveries`]) expect((await send('GET', path)).status, path).toBe(200);
    expect((await send('POST', '/v1/keys', { name: 'ci', scopes: ['read'] })).status).toBe(201);
  });
});
