import * as z from 'zod';
import { describeKey } from '../../../shared/domain/api-key';
import { parseOrThrow } from '../../../shared/domain/validation';
import { NotFoundError } from '../../../shared/errors';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../shared/services/api-keys';
import { listOrganizations } from '../../../shared/services/list-organizations';
import { readAccount } from '../../../shared/services/read-account';
import { readAuditTrail } from '../../../shared/services/read-audit-trail';
import { readWorkbench } from '../../../shared/services/read-workbench';
import { AUTHENTICATED, roles } from '../../http/access';
import { readJson } from '../../http/json-body';
import { actor } from '../../http/middleware/auth';
import type { Router } from '../../http/router';
import { ApiKeyListSchema, ApiKeySchema, AuditPageSchema, MeSchema, NewApiKeySchema, OrganizationListSchema, WorkbenchPageSchema } from '../openapi/schemas';
import { CreateApiKeySchema } from '../../../shared/services/api-keys';

const AuditQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(1024).optional() }).strict();
const WorkbenchQuerySchema = AuditQuerySchema;

/** Who am I, my organization's keys, the audit trail and the publisher's workbench. */
export function accountRoutes(router: Router): void {
  router.on('GET', '/v1/me', AUTHENTICATED, async (c) => {
    const who = actor(c);
    const { person, organization } = await readAccount(c.var.deps, who);
    c.header('cache-control', 'private, no-store');
    return c.json({ person: person ? { id: person.id, name: person.name, role: person.role } : null, organization: organization ?? null, keyId: who.keyId ?? null });
  }, { summary: 'The caller: person, organization and key', tags: ['Account'], responses: { 200: { description: 'The caller', content: { 'application/json': { schema: MeSchema } } } } });

  router.on('GET', '/v1/organizations', roles('publisher', 'admin'), async (c) => {
    c.header('cache-control', 'private, no-store');
    return c.json({ items: await listOrganizations(c.var.deps) });
  }, { summary: 'Organizations on the platform (to name AMBER recipients)', tags: ['Account'], responses: { 200: { description: 'Organizations', content: { 'application/json': { schema: OrganizationListSchema } } } } });

  router.on('GET', '/v1/keys', AUTHENTICATED, async (c) => {
    const keys = await listApiKeys(c.var.deps, actor(c));
    c.header('cache-control', 'private, no-store');
    return c.json({ items: keys.map(describeKey) });
  }, { summary: 'API keys: your own, or your organization’s for admins', tags: ['Account'], responses: { 200: { description: 'Keys (never their secrets)', content: { 'application/json': { schema: ApiKeyListSchema } } } } });

  router.on('POST', '/v1/keys', AUTHENTICATED, async (c) => {
    const { key, record } = await createApiKey(c.var.deps, actor(c), await readJson(c));
    c.header('cache-control', 'private, no-store');
    return c.json({ ...describeKey(record), key }, 201);
  }, { summary: 'Create an API key; the secret is returned once', tags: ['Account'], request: { body: CreateApiKeySchema }, responses: { 201: { description: 'The key with its secret', content: { 'application/json': { schema: NewApiKeySchema } } } } });

  router.on('DELETE', '/v1/keys/:keyId', AUTHENTICATED, async (c) => {
    const keyId = c.req.param('keyId') ?? '';
    if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(keyId)) throw new NotFoundError('API key');
    const record = await revokeApiKey(c.var.deps, actor(c), keyId);
    c.header('cache-control', 'private, no-store');
    return c.json(describeKey(record));
  }, {
    summary: 'Revoke an API key',
    tags: ['Account'],
    request: { params: z.object({ keyId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/) }) },
    responses: { 200: { description: 'The revoked key', content: { 'application/json': { schema: ApiKeySchema } } } },
  });

  router.on('GET', '/v1/audit', roles('admin'), async (c) => {
    const { limit, cursor } = parseOrThrow(AuditQuerySchema, c.req.query());
    c.header('cache-control', 'private, no-store');
    return c.json(await readAuditTrail(c.var.deps, actor(c), limit, cursor));
  }, {
    summary: 'Your organization’s audit trail: who did what, when, with which key',
    description: 'Admins only, and only their own organization’s entries: what its people did, and system actions on its objects (its subscriptions confirmed or suspended, its publications published on schedule or expired).',
    tags: ['Account'], request: { query: AuditQuerySchema }, responses: { 200: { description: 'A page of entries', content: { 'application/json': { schema: AuditPageSchema } } } } });

  router.on('GET', '/v1/workbench', roles('publisher', 'admin'), async (c) => {
    const { limit, cursor } = parseOrThrow(WorkbenchQuerySchema, c.req.query());
    const page = await readWorkbench(c.var.deps, actor(c), limit, cursor);
    c.header('cache-control', 'private, no-store');
    return c.json(page);
  }, { summary: 'The organization’s publications in every state', tags: ['Account'], request: { query: WorkbenchQuerySchema }, responses: { 200: { description: 'A page of publications', content: { 'application/json': { schema: WorkbenchPageSchema } } } } });
}
