import type { PublicationContent } from '../../shared/domain/publication-content';
import { needsApproval } from '../../shared/domain/publication-kind';
import type { Role } from '../../shared/domain/sharing';
import { issueApiKey } from '../../shared/services/api-keys';
import { approvePublication } from '../../shared/services/approve-publication';
import { createDraft } from '../../shared/services/create-draft';
import type { ActingPerson, ServiceDeps } from '../../shared/services/deps';
import { editPublication } from '../../shared/services/edit-publication';
import { publishPublication } from '../../shared/services/publish-publication';
import { SEED_ADVISORIES, SEED_ORGANIZATIONS, SEED_OTHER, SEED_PEOPLE } from './seed-content';

/** What `npm start` prints and writes to .data/demo.json (the contract in DESIGN.md). */
export interface DemoCredentials {
  baseUrl: string;
  keys: { admin: string; publisher: string; approver: string; member: string };
  users: { publisher: string; approver: string; member: string; admin: string };
  organizations: { id: string; name: string; type: string }[];
}

type DemoRole = keyof DemoCredentials['keys'];

/** Whether the table already holds the demo data (with --persist, across restarts). */
export async function isSeeded(deps: ServiceDeps): Promise<boolean> {
  return (await deps.directory.listOrganizations()).length > 0;
}

/**
 * Seeds organizations, people, keys and content through the same services
 * the API uses, so seed data passes every rule real data does.
 */
export async function seedDemo(deps: ServiceDeps, baseUrl: string): Promise<DemoCredentials> {
  const now = deps.clock.now();
  const orgIds = new Map<string, string>();
  for (const org of SEED_ORGANIZATIONS) {
    const id = deps.ids.next();
    orgIds.set(org.ref, id);
    await deps.directory.putOrganization({ id, name: org.name, type: org.type, createdAt: now });
  }
  const people = new Map<DemoRole, ActingPerson & { email: string; key: string }>();
  const extraMembers: ActingPerson[] = [];
  for (const person of SEED_PEOPLE) {
    const id = deps.ids.next();
    const orgId = orgIds.get(person.orgRef)!;
    await deps.directory.putPerson({ id, orgId, name: person.name, email: person.email, role: person.role as Role, createdAt: now });
    const { key } = await issueApiKey(deps, { system: 'seed' }, { personId: id, orgId, role: person.role as Role }, 'Demo key', ['read', 'write']);
    const demoRole = person.demo as DemoRole | undefined;
    if (demoRole && !people.has(demoRole)) people.set(demoRole, { personId: id, orgId, role: person.role as Role, email: person.email, key });
    else if (person.role === 'member') extraMembers.push({ personId: id, orgId, role: 'member' });
  }
  const get = (role: DemoRole) => {
    const p = people.get(role);
    if (!p) throw new Error(`Seed content has no demo ${role}`);
    return p;
  };
  const publisher = get('publisher');
  const approver = get('approver');
  const member = get('member');

  // The seed's own approvals are not news: nobody is emailed about them.
  const quiet = { ...deps, email: { sendEmail: async () => ({ messageId: 'seed' }) } };
  const publishOne = async (content: PublicationContent) => {
    const input = content.sharing === 'TLP:AMBER' ? { ...content, recipients: [member.orgId] } : content;
    const head = await createDraft(deps, publisher, input);
    if (needsApproval(head.kind)) await approvePublication(quiet, approver, head.id);
    return publishPublication(deps, publisher, head.id, {});
  };

  for (const advisory of SEED_ADVISORIES) await publishOne(advisory);
  for (const item of SEED_OTHER) await publishOne(item);

  // A little history: two advisories amended once, so version diffs have something to show.
  for (const advisory of SEED_ADVISORIES.slice(0, 2)) {
    const pointer = await deps.publications.currentAdvisory(advisory.countries[0] as string);
    if (!pointer) continue;
    const head = await deps.publications.get(pointer.publicationId);
    if (!head) continue;
    const level = Math.min(4, advisory.level + 1) as 1 | 2 | 3 | 4;
    const edited = await editPublication(deps, publisher, head.id, { level, changeNote: `Raised to Level ${level} after a reassessment of security conditions.`, major: true }, head.rev);
    await approvePublication(quiet, approver, edited.id);
    await publishPublication(deps, publisher, edited.id, {});
  }

  return {
    baseUrl,
    keys: { admin: get('admin').key, publisher: publisher.key, approver: approver.key, member: member.key },
    users: { publisher: publisher.email, approver: approver.email, member: member.email, admin: get('admin').email },
    organizations: SEED_ORGANIZATIONS.map((o) => ({ id: orgIds.get(o.ref)!, name: o.name, type: o.type })),
  };
}

