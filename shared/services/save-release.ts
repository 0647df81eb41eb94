import type { AuditEntry } from '../domain/audit';
import { pointerOnRelease } from '../domain/advisory-pointer';
import { archive, type PublishOutcome } from '../domain/lifecycle';
import type { PublicationHead } from '../domain/publication';
import type { HeadChange } from '../ports/publication-store';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';

/**
 * Writes a publish outcome. A travel advisory supersedes the country's
 * current advisory in the same transaction: the old one is archived and
 * stays in its history.
 */
export async function saveRelease(
  deps: Pick<ServiceDeps, 'publications' | 'ids'>,
  before: PublicationHead,
  outcome: PublishOutcome,
  actor: ActingPerson | { system: string },
  now: string,
): Promise<void> {
  const target = { type: 'publication' as const, id: before.id };
  if (!outcome.version) {
    await deps.publications.save({
      head: outcome.head,
      expectedRev: before.rev,
      audit: [auditEntry(deps, now, actor, 'publication.scheduled', target, { publishAt: outcome.head.working?.publishAt ?? null }, before.orgId)],
    });
    return;
  }
  const { version } = outcome;
  const audit: AuditEntry[] = [
    auditEntry(deps, now, actor, 'publication.published', target, { version: version.version, major: version.major, sharing: version.content.sharing }, before.orgId),
  ];
  const change: HeadChange = { head: outcome.head, expectedRev: before.rev, released: { version, replaced: outcome.replaced }, audit };
  let superseded: string | undefined;
  if (version.content.kind === 'travel-advisory') {
    const country = version.content.countries[0] as string;
    const pointer = await deps.publications.currentAdvisory(country);
    if (pointer && pointer.publicationId !== version.id) {
      const old = await deps.publications.get(pointer.publicationId);
      if (old?.current && old.state === 'published') {
        change.supersede = { head: archive(old, now, version.id), expectedRev: old.rev, ended: old.current };
        superseded = old.id;
        audit.push(auditEntry(deps, now, actor, 'publication.superseded', { type: 'publication', id: old.id }, { supersededBy: version.id }, old.orgId));
      }
    }
  }
  change.advisory = pointerOnRelease(version, superseded);
  await deps.publications.save(change);
}
