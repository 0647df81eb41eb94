import { pointerOnEnd } from '../domain/advisory-pointer';
import { expire, publishDue } from '../domain/lifecycle';
import { PreconditionFailedError, StoreConflictError } from '../errors';
import { auditEntry, type ServiceDeps } from './deps';
import { saveRelease } from './save-release';

const SYSTEM = { system: 'scheduler' };
const BATCH = 50;

export interface SchedulerResult {
  published: string[];
  expired: string[];
}

/** What publishing and expiring on schedule need: the publications, the time and ids for audit entries. */
export type SchedulerServiceDeps = Pick<ServiceDeps, 'publications' | 'clock' | 'ids'>;

/** The scheduler tasks this service runs (the topology's `publish-scheduled` and `expire-publications`). */
export type PublicationTask = 'publish-scheduled' | 'expire-publications';

/**
 * Publishes scheduled items that are due and expires items whose end time
 * has passed; with `task`, only that one of the two. Safe to run twice at
 * once: each step is a conditional write, and a lost race is skipped, not
 * retried.
 */
export async function runScheduler(deps: SchedulerServiceDeps, task?: PublicationTask): Promise<SchedulerResult> {
  const now = deps.clock.now();
  const result: SchedulerResult = { published: [], expired: [] };
  const publishDueItems = task === undefined || task === 'publish-scheduled';
  const expireDueItems = task === undefined || task === 'expire-publications';
  for (const id of publishDueItems ? await deps.publications.due('publish', now, BATCH) : []) {
    const head = await deps.publications.get(id);
    const outcome = head && publishDue(head, now);
    if (!head || !outcome) continue;
    if (await skipLostRace(() => saveRelease(deps, head, outcome, SYSTEM, now))) result.published.push(id);
  }
  for (const id of expireDueItems ? await deps.publications.due('expire', now, BATCH) : []) {
    const head = await deps.publications.get(id);
    const next = head && expire(head, now);
    if (!head || !next || !head.current) continue;
    const ended = head.current;
    const saved = await skipLostRace(() =>
      deps.publications.save({ head: next, expectedRev: head.rev, ended, advisory: pointerOnEnd(ended), audit: [auditEntry(deps, now, SYSTEM, 'publication.expired', { type: 'publication', id }, undefined, head.orgId)] }),
    );
    if (saved) result.expired.push(id);
  }
  return result;
}

async function skipLostRace(write: () => Promise<void>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof PreconditionFailedError || error instanceof StoreConflictError) return false;
    throw error;
  }
}
