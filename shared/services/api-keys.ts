import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod';
import { KEY_PREFIX, KeyScopeSchema, type ApiKeyRecord } from '../domain/api-key';
import { parseOrThrow } from '../domain/validation';
import { oneLine } from '../domain/text';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';

/** Keys are looked up by the SHA-256 of the whole key; the secret itself is never stored. */
function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

const KEY_SHAPE = /^op_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/;

/** Resolves a presented key to its record; any unknown, malformed or revoked key is a 401. */
export async function authenticateApiKey(deps: Pick<ServiceDeps, 'directory'>, key: string): Promise<ApiKeyRecord> {
  if (!KEY_SHAPE.test(key)) throw new UnauthenticatedError('The API key is malformed.');
  const record = await deps.directory.findApiKeyByHash(hashApiKey(key));
  if (!record || record.revokedAt) throw new UnauthenticatedError('The API key is unknown or revoked.');
  return record;
}

export const CreateApiKeySchema = z
  .object({
    name: oneLine(100),
    scopes: z.array(KeyScopeSchema).min(1).max(2).optional(),
  })
  .strict();

/** Creates a key for the acting person; the secret is returned once and never again. */
export async function createApiKey(deps: ServiceDeps, actor: ActingPerson, input: unknown): Promise<{ key: string; record: ApiKeyRecord }> {
  const body = parseOrThrow(CreateApiKeySchema, input);
  return issueApiKey(deps, actor, { personId: actor.personId, orgId: actor.orgId, role: actor.role }, body.name, body.scopes ?? ['read', 'write']);
}

/** Issues a key to a person; seeding and key creation share it. */
export async function issueApiKey(
  deps: Pick<ServiceDeps, 'directory' | 'clock' | 'ids'>,
  actor: ActingPerson | { system: string },
  owner: Pick<ApiKeyRecord, 'personId' | 'orgId' | 'role'>,
  name: string,
  scopes: ApiKeyRecord['scopes'],
): Promise<{ key: string; record: ApiKeyRecord }> {
  const prefix = `${KEY_PREFIX}${randomBytes(6).toString('hex').slice(0, 8)}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  const now = deps.clock.now();
  const record: ApiKeyRecord = {
    keyId: deps.ids.next(),
    prefix,
    hash: hashApiKey(key),
    name,
    ...owner,
    scopes,
    createdAt: now,
    createdBy: 'system' in actor ? actor.system : actor.personId,
  };
  await deps.directory.createApiKey(record, [auditEntry(deps, now, actor, 'api-key.created', { type: 'api-key', id: record.keyId }, { prefix }, owner.orgId)]);
  return { key, record };
}

/** A person revokes their own key; an admin revokes any key of their organization. */
export async function revokeApiKey(deps: ServiceDeps, actor: ActingPerson, keyId: string): Promise<ApiKeyRecord> {
  const record = await deps.directory.getApiKey(keyId);
  if (!record || record.orgId !== actor.orgId) throw new NotFoundError('API key');
  if (record.personId !== actor.personId && actor.role !== 'admin') throw new ForbiddenError('Only the key’s owner or an admin may revoke it.');
  const now = deps.clock.now();
  await deps.directory.revokeApiKey(keyId, now, [auditEntry(deps, now, actor, 'api-key.revoked', { type: 'api-key', id: keyId })]);
  return { ...record, revokedAt: now };
}

/** The keys the acting person may see: their own, or every key of their organization for an admin. */
export async function listApiKeys(deps: Pick<ServiceDeps, 'directory'>, actor: ActingPerson): Promise<ApiKeyRecord[]> {
  const keys = await deps.directory.listApiKeys(actor.orgId);
  return actor.role === 'admin' ? keys : keys.filter((k) => k.personId === actor.personId);
}
