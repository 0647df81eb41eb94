import type { Context } from 'hono';
import * as z from 'zod';
import { describeSite, SiteInputSchema } from '../../../shared/domain/site';
import { ForbiddenError, NotFoundError } from '../../../shared/errors';
import { createSite } from '../../../shared/services/create-site';
import { deleteSite } from '../../../shared/services/delete-site';
import { listSites } from '../../../shared/services/list-sites';
import { AUTHENTICATED } from '../../http/access';
import type { AppEnv } from '../../http/env';
import { readJson } from '../../http/json-body';
import { actor } from '../../http/middleware/auth';
import type { Router } from '../../http/router';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const SiteSchema = z.object({
  id: z.string(),
  name: z.string(),
  lat: z.number(),
  lon: z.number(),
  country: z.string(),
  contacts: z.array(z.object({ email: z.string().optional(), phone: z.string().optional() })),
  createdAt: z.string(),
});

/** Sites hold contacts (personal data): never cached. */
function noStore(c: Context<AppEnv>): void {
  c.header('cache-control', 'private, no-store');
}

function requireWrite(c: Context<AppEnv>): void {
  if (!c.var.scopes?.includes('write')) throw new ForbiddenError('This API key lacks the "write" scope.');
}

/**
 * Member sites (organization-scoped, like subscriptions) and what an
 * alert's areas cover of them.
 */
export function siteRoutes(router: Router): void {
  router.on('POST', '/v1/sites', AUTHENTICATED, async (c) => {
    requireWrite(c);
    const site = await createSite(c.var.deps, actor(c), await readJson(c));
    noStore(c);
    return c.json(describeSite(site), 201);
  }, {
    summary: 'Add a site of your organization: a named point where its people are',
    description: 'The point must lie in `country` (checked against the country outlines, allowing about 25 km for their simplification). Contacts are personal data: shown to your organization only.',
    tags: ['Places'],
    request: { body: SiteInputSchema },
    responses: { 201: { description: 'The site', content: { 'application/json': { schema: SiteSchema } } } },
    errors: [401, 403, 409, 422],
  });

  router.on('GET', '/v1/sites', AUTHENTICATED, async (c) => {
    const sites = await listSites(c.var.deps, actor(c));
    noStore(c);
    return c.json({ items: sites.map(describeSite) });
  }, {
    summary: "Your organization's sites",
    tags: ['Places'],
    responses: { 200: { description: 'The sites', content: { 'application/json': { schema: z.object({ items: z.array(SiteSchema) }) } } } },
  });

  router.on('DELETE', '/v1/sites/:id', AUTHENTICATED, async (c) => {
    requireWrite(c);
    const id = c.req.param('id') ?? '';
    if (!ULID.test(id)) throw new NotFoundError('Site');
    await deleteSite(c.var.deps, actor(c), id);
    noStore(c);
    return c.body(null, 204);
  }, {
    summary: 'Delete one of your sites',
    description: 'Refused (409, listing them) while subscriptions of your organization name the site.',
    tags: ['Places'],
    request: { params: z.object({ id: z.string() }) },
    responses: { 204: { description: 'Deleted' } },
    errors: [401, 404, 409],
  });
}
