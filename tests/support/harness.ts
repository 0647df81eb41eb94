import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createTable } from '../../shared/adapters/dynamodb/create-table';
import { silentLogger } from '../../shared/adapters/system/json-logger';
import type { Role } from '../../shared/domain/sharing';
import { issueApiKey } from '../../shared/services/api-keys';
import { createApp } from '../../functions/api/app';
import { localApiDeps, type LocalApiDeps, type LocalConfig } from '../../functions/wiring/local';

export const BASE_URL = 'http://outpost.test';

/** A fresh table on the run's DynamoDB Local, and the API built on it (`local` adds local wiring options such as an SMTP URL). */
export async function makeHarness(overrides: Partial<LocalApiDeps> = {}, local: Pick<LocalConfig, 'smtpUrl' | 'smtpFrom'> = {}) {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `t-${randomUUID()}`;
  await createTable(new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), tableName);
  const deps: LocalApiDeps = { ...localApiDeps({ endpoint, tableName, baseUrl: BASE_URL, logger: silentLogger, ...local }), ...overrides };
  const { app, routes } = createApp(deps);
  return { deps, app, routes, tableName, endpoint };
}

export type Harness = Awaited<ReturnType<typeof makeHarness>>;

/** Makes an organization with one person of `role` and returns that person's key. */
export async function addPerson(h: Harness, role: Role, org?: { id: string; type: 'publisher' | 'member' }) {
  const deps = h.deps;
  const now = deps.clock.now();
  const organization = org ?? { id: deps.ids.next(), type: role === 'member' ? ('member' as const) : ('publisher' as const) };
  if (!org) await deps.directory.putOrganization({ id: organization.id, name: `Org ${organization.id.slice(-4)}`, type: organization.type, createdAt: now });
  const personId = deps.ids.next();
  await deps.directory.putPerson({ id: personId, orgId: organization.id, name: `${role} ${personId.slice(-4)}`, email: `${personId.toLowerCase()}@test.example`, role, createdAt: now });
  const { key, record } = await issueApiKey(deps, { system: 'test' }, { personId, orgId: organization.id, role }, 'test', ['read', 'write']);
  return { key, personId, orgId: organization.id, org: organization, keyId: record.keyId };
}

/** What the Node server passes the app for a connection from `address`: its socket's peer, the only client address local mode trusts. */
export function fromPeer(address: string) {
  return { incoming: { socket: { remoteAddress: address } } };
}

/**
 * Sends a request to the app with an optional key and JSON body; `client`
 * is the connection's peer address (the rate limits' client), as the Node
 * server would pass it.
 */
export async function call(h: Harness, method: string, path: string, options: { key?: string; body?: unknown; headers?: Record<string, string>; client?: string } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await h.app.request(new Request(`${BASE_URL}${path}`, { method, headers, body, redirect: 'manual' }), undefined, options.client ? fromPeer(options.client) : undefined);
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: json as Record<string, any> };
}

/** Creates a CLEAR security alert for one country and publishes it through the API; answers its id. */
export async function publishClearAlert(h: Harness, key: string, country: string): Promise<string> {
  const created = await call(h, 'POST', '/v1/publications', { key, body: alertInput([country], 'TLP:CLEAR') });
  const id = created.json.id as string;
  const res = await call(h, 'POST', `/v1/publications/${id}/publish`, { key });
  if (res.status !== 200) throw new Error(`publish answered ${res.status}: ${res.text}`);
  return id;
}

export function advisoryInput(country: string, level: 1 | 2 | 3 | 4, extra: Record<string, unknown> = {}) {
  return {
    kind: 'travel-advisory',
    title: `${country} Travel Advisory`,
    countries: [country],
    summary: `Level ${level} advisory for ${country}.`,
    body: 'Be careful.',
    sharing: 'TLP:CLEAR',
    level,
    indicators: ['C'],
    ...extra,
  };
}

export function alertInput(countries: string[], sharing: 'TLP:CLEAR' | 'TLP:GREEN' | 'TLP:AMBER', extra: Record<string, unknown> = {}) {
  return {
    kind: 'security-alert',
    title: `Demonstration alert ${countries.join(',')}`,
    countries,
    summary: 'Demonstrations expected downtown.',
    body: 'Avoid the area.',
    sharing,
    actions: ['Avoid crowds'],
    ...extra,
  };
}
