import type { Context } from 'hono';
import * as z from 'zod';
import { CountryCodeSchema, findCountry } from '../../../shared/domain/country';
import { ANONYMOUS, type Viewer } from '../../../shared/domain/sharing';
import { NotFoundError } from '../../../shared/errors';
import { getCountry, listCountries } from '../../../shared/services/read-countries';
import type { FeedDocument } from '../../../shared/services/render-feed';
import { PUBLIC } from '../../http/access';
import type { ApiDeps, AppEnv } from '../../http/env';
import { cacheable } from '../../http/cache';
import type { PublicDocuments } from '../../http/public-documents';
import { contentEtag } from '../../http/weak-etag';
import { presentVersion } from '../presenters/publication';
import { CountryDetailSchema, CountryListSchema } from '../openapi/schemas';
import type { Router } from '../../http/router';

/** Last-Modified of a view with no dated content, as for an empty feed. */
const NEVER = '1970-01-01T00:00:00.000Z';

/** The response headers of the country routes, for the OpenAPI document. */
const VALIDATOR_HEADERS = {
  ETag: { description: 'Validator of the representation (strong for anonymous callers)', schema: z.string() },
  'Last-Modified': { description: 'When the content last changed', schema: z.string() },
  'Cache-Control': { description: 'public, max-age=60, stale-while-revalidate=300 for anonymous callers; private, no-store with a key', schema: z.string() },
  Vary: { description: 'Authorization', schema: z.string() },
};

async function countryList(deps: ApiDeps) {
  const countries = await listCountries(deps);
  const items = countries.map((x) => ({ code: x.code, name: x.name, region: x.region, level: x.level, advisory: x.advisory?.publicationId ?? null, updatedAt: x.advisory?.updatedAt ?? null }));
  const lastModified = items.reduce<string | undefined>((max, x) => (x.updatedAt && (!max || x.updatedAt > max) ? x.updatedAt : max), undefined);
  return { body: { items }, lastModified };
}

async function countryDetail(deps: ApiDeps, viewer: Viewer, cc: string) {
  const detail = await getCountry(deps, viewer, cc);
  const base = deps.config.baseUrl;
  const body = {
    code: detail.country.code,
    name: detail.country.name,
    region: detail.country.region,
    level: detail.level,
    advisory: detail.advisory ? presentVersion(detail.advisory, base) : null,
    recent: detail.recent.map((v) => presentVersion(v, base)),
    // Levels of parts of the country that differ from its own; absent when there are none.
    ...(detail.advisory?.content.kind === 'travel-advisory' && detail.advisory.content.areaLevels ? { areaLevels: detail.advisory.content.areaLevels } : {}),
  };
  return { body, lastModified: detail.recent[0]?.publishedAt };
}

/** The anonymous view as a cacheable document: the bytes `c.json` would send, varying by Authorization. */
function asDocument({ body, lastModified }: { body: unknown; lastModified: string | undefined }): FeedDocument {
  return { body: JSON.stringify(body), contentType: 'application/json', lastModified: lastModified ?? NEVER, vary: 'Authorization' };
}

/**
 * The country API. Anonymous callers get TLP:CLEAR only, the same for all
 * of them, so their view is kept rendered in the per-process public
 * document cache (invalidated by the table's change counter, so a new
 * advisory level shows within two seconds) and, once cached, answered
 * before the middleware chain (see http/public-documents.ts). Callers with
 * a key may see GREEN and AMBER items in `recent`: theirs is read every
 * time and sent private.
 */
export function countryRoutes(router: Router, documents: PublicDocuments): void {
  const sendAnonymous = async (c: Context<AppEnv>, render: () => Promise<FeedDocument | undefined>, what: string): Promise<Response> => {
    const res = await documents.send(c, render);
    if (!res) throw new NotFoundError(what);
    return res;
  };

  router.on('GET', '/v1/countries', PUBLIC, async (c) => {
    if (c.var.viewer.kind === 'anonymous') return sendAnonymous(c, async () => asDocument(await countryList(c.var.deps)), 'Countries');
    const { body, lastModified } = await countryList(c.var.deps);
    return cacheable(c, body, contentEtag(body.items), lastModified);
  }, {
    summary: 'Every country with its current advisory level',
    tags: ['Countries'],
    responses: { 200: { description: 'Countries', content: { 'application/json': { schema: CountryListSchema } }, headers: VALIDATOR_HEADERS }, 304: { description: 'Not modified' } },
  });

  router.on('GET', '/v1/countries/:cc', PUBLIC, async (c) => {
    const cc = c.req.param('cc') ?? '';
    if (!/^[A-Za-z]{2}$/.test(cc)) throw new NotFoundError(`Country ${cc.slice(0, 10)}`);
    if (c.var.viewer.kind === 'anonymous') {
      // An unknown code is cached as "not found" and answered with the 404 getCountry gives.
      return sendAnonymous(c, async () => (findCountry(cc.toUpperCase()) ? asDocument(await countryDetail(c.var.deps, ANONYMOUS, cc)) : undefined), `Country ${cc}`);
    }
    const { body, lastModified } = await countryDetail(c.var.deps, c.var.viewer, cc);
    return cacheable(c, body, contentEtag(body), lastModified);
  }, {
    summary: 'One country: its current advisory and recent items',
    tags: ['Countries'],
    request: { params: z.object({ cc: CountryCodeSchema }) },
    responses: { 200: { description: 'The country', content: { 'application/json': { schema: CountryDetailSchema } }, headers: VALIDATOR_HEADERS }, 304: { description: 'Not modified' } },
  });
}
