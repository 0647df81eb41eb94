import { beforeAll, describe, expect, it } from 'vitest';
import { isApiPath } from '../../../functions/api/openapi/document';
import { toOpenApiPath } from '../../../functions/api/openapi/paths';
import { openApiProblems } from '../../../functions/api/openapi/validate';
import { call, makeHarness, type Harness } from '../../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});

describe('OpenAPI document', () => {
  it('documents exactly the registered API routes (/v1, /feeds, /cap)', async () => {
    const res = await call(h, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const registered = h.routes.filter((r) => isApiPath(r.path)).map((r) => `${r.method} ${toOpenApiPath(r.path)}`);
    const documented = Object.entries(res.json.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(new Set(registered).size).toBe(registered.length);
    expect(documented.sort()).toEqual(registered.sort());
    expect(documented).toContain('GET /feeds/countries/{cc}.atom');
    expect(documented).toContain('GET /cap/{id}.xml');
  });

  it('is structurally valid OpenAPI 3.1 with every $ref resolving', async () => {
    const doc = (await call(h, 'GET', '/openapi.json')).json;
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(openApiProblems(doc)).toEqual([]);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('describes request bodies and queries with the schemas the routes validate with', async () => {
    const doc = (await call(h, 'GET', '/openapi.json')).json;
    const create = doc.paths['/v1/publications'].post;
    expect(create.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/PublicationContent');
    expect(JSON.stringify(doc.components.schemas.PublicationContent)).toContain('travel-advisory');
    const list = doc.paths['/v1/publications'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['kind', 'country', 'region', 'since', 'limit', 'cursor']));
    expect(create.responses['422'].$ref).toBe('#/components/responses/ValidationFailed');
    expect(doc.components.responses.ValidationFailed.content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
    expect(create.security).toEqual([{ apiKey: [] }]);
    const feed = doc.paths['/feeds/countries/{cc}.atom'].get;
    expect(feed.parameters[0]).toMatchObject({ name: 'cc', in: 'path', required: true });
    expect(Object.keys(feed.responses['200'].content)).toEqual(['application/atom+xml']);
  });

  it('catches a broken document', () => {
    expect(openApiProblems({ openapi: '3.0.0', info: {}, paths: { '/x/{id}': { get: { responses: {} } } } })).toHaveLength(4);
    expect(openApiProblems({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/x': { get: { responses: { 200: { $ref: '#/components/responses/Nope' } } } } } })).toEqual([
      '#/paths/~1x/get/responses/200: $ref #/components/responses/Nope does not resolve',
    ].map((m) => m.replace('~1x', '/x')));
  });
});

describe('/docs', () => {
  it('renders the reference UI from local assets under a strict CSP', async () => {
    const page = await call(h, 'GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.text).not.toMatch(/https?:\/\//);
    expect(page.text).not.toMatch(/<script>(?!<\/script>)/);
    const assets = [...page.text.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(expect.arrayContaining(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/init.js']));
    for (const asset of assets) {
      const res = await call(h, 'GET', asset);
      expect(res.status, asset).toBe(200);
      const type = res.headers.get('content-type')!;
      if (asset.endsWith('.js')) expect(type, asset).toBe('text/javascript; charset=utf-8');
      if (asset.endsWith('.css')) expect(type, asset).toBe('text/css; charset=utf-8');
    }
    const init = (await call(h, 'GET', '/docs/init.js')).text;
    expect(init).toContain("url: '/openapi.json'");
    expect(init).not.toMatch(/https?:\/\//);
  });
});
