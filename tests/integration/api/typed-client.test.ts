import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTour } from '../../../docs/examples/typed-client';
import { seedDemo, type DemoCredentials } from '../../../infra/local/seed';
import { createApp } from '../../../functions/api/app';
import { localApiDeps } from '../../../functions/wiring/local';
import { silentLogger } from '../../../shared/adapters/system/json-logger';
import { makeHarness } from '../../support/harness';

/**
 * The typed client of docs/api.md (openapi-fetch over the types generated
 * from docs/openapi.json) runs the README's tour against the app over HTTP
 * on 127.0.0.1; the typecheck of `npm test` compiles it.
 */
let demo: DemoCredentials;
let server: ReturnType<typeof serve>;
let baseUrl: string;

beforeAll(async () => {
  const h = await makeHarness();
  // The app answers only for its own host: build it once the port, and so the base URL, is known.
  const app: { fetch?: (request: Request) => Response | Promise<Response> } = {};
  const info = await new Promise<AddressInfo>((resolve) => {
    server = serve({ fetch: (request: Request) => app.fetch!(request), hostname: '127.0.0.1', port: 0 }, resolve);
  });
  baseUrl = `http://127.0.0.1:${info.port}`;
  const deps = localApiDeps({ endpoint: h.endpoint, tableName: h.tableName, baseUrl, logger: silentLogger });
  app.fetch = createApp(deps).app.fetch;
  demo = await seedDemo(deps, baseUrl);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the typed client example', () => {
  it('runs the README tour: reads, a two-person publish and an amendment', async () => {
    const report = await runTour(baseUrl, demo.keys);
    expect(report.health).toBe('ok');
    expect(report.countries).toBeGreaterThan(190);
    expect(report.kenyaLevel).toBeGreaterThanOrEqual(1);
    expect(report.memberAlerts).toBeGreaterThanOrEqual(report.publicAlerts);
    expect(report.publishedId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(report.icelandLevelAfterPublish).toBe(2);
    expect(report.versionsAfterAmendment).toBe(2);
    expect(report.icelandLevelAfterAmendment).toBe(3);
  });
});
