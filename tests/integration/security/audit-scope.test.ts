import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/domain/audit';
import { confirmSubscription } from '../../../shared/services/confirm-subscription';
import { addPerson, alertInput, call, makeHarness, type Harness } from '../../support/harness';
import { linksIn } from '../../support/pages';
import { uniqueAddress } from '../../support/unique';

/**
 * Finding 12: the audit trail, like the keys, is scoped to the admin's own
 * organization: what its people did, and system actions on its objects.
 * Other organizations' entries and anonymous subscriptions are for the
 * platform's operators only. Only admins read it.
 */
let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let publishingAdmin: Awaited<ReturnType<typeof addPerson>>;
let member: Awaited<ReturnType<typeof addPerson>>;
let memberAdmin: Awaited<ReturnType<typeof addPerson>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  publishingAdmin = await addPerson(h, 'admin', publisher.org);
  member = await addPerson(h, 'member');
  memberAdmin = await addPerson(h, 'admin', member.org);

  ids.draft = (await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['KE'], 'TLP:AMBER', { recipients: [member.orgId] }) })).json.id as string;
  ids.key = (await call(h, 'POST', '/v1/keys', { key: member.key, body: { name: 'SIEM' } })).json.keyId as string;
  const address = uniqueAddress('staff');
  ids.memberSubscription = (await call(h, 'POST', '/v1/subscriptions', { key: member.key, body: { channel: 'email', address, countries: ['KE'] } })).json.id as string;
  // The link's token, confirmed as its page's button does.
  await confirmSubscription(h.deps, new URL(linksIn(h.deps.outbox!.list().find((m) => m.to === address)!.text)[0]!).searchParams.get('token')!);
  ids.anonymous = (await call(h, 'POST', '/v1/subscriptions', { body: { channel: 'email', address: uniqueAddress('public'), countries: ['KE'] }, client: '192.0.2.50' })).json.id as string;
});

async function trailOf(key: string): Promise<AuditEntry[]> {
  const res = await call(h, 'GET', '/v1/audit?limit=200', { key });
  expect(res.status).toBe(200);
  return res.json.items as AuditEntry[];
}

describe('GET /v1/audit', () => {
  it('shows an admin their own organization’s entries only, including system actions on its objects', async () => {
    const publishing = await trailOf(publishingAdmin.key);
    expect(publishing.map((e) => e.target.id)).toContain(ids.draft);
    for (const other of [ids.key, ids.memberSubscription, ids.anonymous]) expect(publishing.map((e) => e.target.id)).not.toContain(other);

    const membership = await trailOf(memberAdmin.key);
    const actions = membership.map((e) => `${e.action} ${e.target.id}`);
    expect(actions).toContain(`api-key.created ${ids.key}`);
    expect(actions).toContain(`subscription.created ${ids.memberSubscription}`);
    // Confirmed by its link (a system action), still the organization's entry.
    expect(actions).toContain(`subscription.confirmed ${ids.memberSubscription}`);
    for (const other of [ids.draft, ids.anonymous]) expect(membership.map((e) => e.target.id)).not.toContain(other);
    for (const entry of [...publishing, ...membership]) expect(entry.orgId).toBeDefined();
  });

  it('pages within the organization and refuses anyone but admins', async () => {
    const first = await call(h, 'GET', '/v1/audit?limit=1', { key: memberAdmin.key });
    expect(first.json.items).toHaveLength(1);
    const second = await call(h, 'GET', `/v1/audit?limit=200&cursor=${encodeURIComponent(first.json.cursor as string)}`, { key: memberAdmin.key });
    expect(second.json.items.map((e: AuditEntry) => e.id)).not.toContain(first.json.items[0].id);
    for (const entry of second.json.items as AuditEntry[]) expect(entry.orgId).toBe(member.orgId);
    for (const key of [publisher.key, member.key]) expect((await call(h, 'GET', '/v1/audit', { key })).status).toBe(403);
    expect((await call(h, 'GET', '/v1/audit')).status).toBe(401);
  });
});
