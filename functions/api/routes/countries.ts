import { NotFoundError } from '../../../shared/errors';
import { getCountry, listCountries } from '../../../shared/services/read-countries';
import { PUBLIC } from '../access';
import { cacheable } from '../http/cache';
import { contentEtag } from '../http/weak-etag';
import { presentVersion } from '../presenters/publication';
import { CountryDetailSchema, CountryListSchema } from '../openapi/schemas';
import type { Router } from '../router';
import * as z from 'zod';
import { CountryCodeSchema } from '../../../shared/domain/country';

export function countryRoutes(router: Router): void {
  router.on('GET', '/v1/countries', PUBLIC, async (c) => {
    const countries = await listCountries(c.var.deps);
    const items = countries.map((x) => ({ code: x.code, name: x.name, region: x.region, level: x.level, advisory: x.advisory?.publicationId ?? null, updatedAt: x.advisory?.updatedAt ?? null }));
    const lastModified = items.reduce<string | undefined>((max, x) => (x.updatedAt && (!max || x.updatedAt > max) ? x.updatedAt : max), undefined);
    return cacheable(c, { items }, contentEtag(items), lastModified);
  }, {
    summary: 'Every country with its current advisory level',
    tags: ['Countries'],
    responses: { 200: { description: 'Countries', content: { 'application/json': { schema: CountryListSchema } } }, 304: { description: 'Not modified' } },
  });

  router.on('GET', '/v1/countries/:cc', PUBLIC, async (c) => {
    const cc = c.req.param('cc') ?? '';
    if (!/^[A-Za-z]{2}$/.test(cc)) throw new NotFoundError(`Country ${cc.slice(0, 10)}`);
    const detail = await getCountry(c.var.deps, c.var.viewer, cc);
    const base = c.var.deps.config.baseUrl;
    const body = {
      code: detail.country.code,
      name: detail.country.name,
      region: detail.country.region,
      level: detail.level,
      advisory: detail.advisory ? presentVersion(detail.advisory, base) : null,
      recent: detail.recent.map((v) => presentVersion(v, base)),
    };
    return cacheable(c, body, contentEtag(body), detail.recent[0]?.publishedAt);
  }, {
    summary: 'One country: its current advisory and recent items',
    tags: ['Countries'],
    request: { params: z.object({ cc: CountryCodeSchema }) },
    responses: { 200: { description: 'The country', content: { 'application/json': { schema: CountryDetailSchema } } }, 304: { description: 'Not modified' } },
  });
}
