import { ConflictError, ForbiddenError, ValidationError } from '../errors';
import { regionsOf } from './country';
import type { PublicationContent } from './publication-content';
import { needsApproval } from './publication-kind';
import { statusOf, type PublicationHead, type Version, type WorkingCopy } from './publication';
import type { Role } from './sharing';

/**
 * The publishing workflow as pure functions: each takes a head and returns
 * the next one, or throws a ConflictError that says why the step is not
 * allowed now. Storage and side effects belong to the services.
 *
 *   draft ─submit→ submitted ─approve→ approved ─publish→ published ─archive→ archived
 *     └──────────────── publish (kinds without approval) ──┘      ├─expire→ expired
 *   submitted ─return (a reviewer's comment)→ draft                archived ─unarchive→ published
 *
 * Kinds that need approval to publish need it to be withdrawn too: the first
 * publisher's archive is a request (`archive-requested`), a second
 * publisher's archive completes it.
 */

export interface Actor {
  personId: string;
  orgId: string;
  role: Role;
}

const FIRST_CHANGE_NOTE = 'First published.';

function illegal(head: PublicationHead, action: string, why: string): ConflictError {
  return new ConflictError('illegal-transition', `Cannot ${action}: ${why}`, { status: statusOf(head), rev: head.rev });
}

/** Only publishers of the owning organization move a publication through its workflow. */
export function assertPublisherOf(head: PublicationHead, actor: Actor): void {
  if (actor.role !== 'publisher' || actor.orgId !== head.orgId) {
    throw new ForbiddenError('Only publishers of the publishing organization may change this publication.');
  }
}

export function assertNotEnded(head: PublicationHead, action: string): void {
  if (head.state === 'archived' || head.state === 'expired') {
    throw illegal(head, action, `the publication is ${head.state}.`);
  }
}

export function createHead(id: string, content: PublicationContent, actor: Actor, now: string): PublicationHead {
  return {
    id,
    kind: content.kind,
    orgId: actor.orgId,
    rev: 1,
    state: 'unpublished',
    createdAt: now,
    createdBy: actor.personId,
    updatedAt: now,
    working: { content, stage: 'draft', editors: [actor.personId], updatedAt: now },
  };
}

export interface EditNote {
  changeNote?: string | undefined;
  major?: boolean | undefined;
}

/**
 * Replaces the working copy's content. Editing voids any submission,
 * approval or schedule. Amending a published item needs a change note and
 * says whether the change is major (alerts subscribers) or minor.
 */
export function applyEdit(head: PublicationHead, content: PublicationContent, note: EditNote, actor: Actor, now: string): PublicationHead {
  assertNotEnded(head, 'edit');
  if (content.kind !== head.kind) {
    throw new ValidationError([{ path: 'kind', message: `cannot change from ${head.kind}` }]);
  }
  const amending = head.state === 'published';
  const changeNote = note.changeNote ?? head.working?.changeNote;
  const major = note.major ?? head.working?.major;
  if (amending) {
    const issues = [];
    if (!changeNote) issues.push({ path: 'changeNote', message: 'is required to amend a published publication' });
    if (major === undefined) issues.push({ path: 'major', message: 'is required to amend a published publication: true alerts subscribers, false does not' });
    if (issues.length) throw new ValidationError(issues);
  }
  const editors = new Set(head.working?.editors ?? []);
  editors.add(actor.personId);
  const working: WorkingCopy = { content, stage: 'draft', editors: [...editors], updatedAt: now };
  if (changeNote !== undefined) working.changeNote = changeNote;
  if (major !== undefined) working.major = major;
  if (head.working?.returned) working.returned = head.working.returned;
  return { ...head, working, updatedAt: now, rev: head.rev + 1 };
}

function requireWorking(head: PublicationHead, action: string): WorkingCopy {
  assertNotEnded(head, action);
  if (!head.working) throw illegal(head, action, 'there are no unpublished changes. Edit it first (PATCH).');
  return head.working;
}

export function submit(head: PublicationHead, actor: Actor, now: string): PublicationHead {
  const working = requireWorking(head, 'submit');
  if (working.stage !== 'draft') throw illegal(head, 'submit', `it is already ${working.stage}.`);
  const next: WorkingCopy = { ...working, stage: 'submitted', submittedBy: actor.personId, updatedAt: now };
  delete next.returned;
  return { ...head, working: next, updatedAt: now, rev: head.rev + 1 };
}

/** A second publisher of the same organization approves; approving also counts as submitting. */
export function approve(head: PublicationHead, actor: Actor, now: string): PublicationHead {
  const working = requireWorking(head, 'approve');
  if (!needsApproval(head.kind)) throw illegal(head, 'approve', `a ${head.kind} needs no approval; publish it.`);
  if (working.stage !== 'draft' && working.stage !== 'submitted') throw illegal(head, 'approve', `it is already ${working.stage}.`);
  if (working.editors.includes(actor.personId)) {
    throw new ConflictError('second-publisher-required', 'Cannot approve: a publisher who did not write these changes must approve them.', {
      status: statusOf(head),
    });
  }
  const next: WorkingCopy = { ...working, stage: 'approved', submittedBy: working.submittedBy ?? actor.personId, approvedBy: actor.personId, updatedAt: now };
  delete next.returned;
  return { ...head, working: next, updatedAt: now, rev: head.rev + 1 };
}

export type PublishOutcome = { head: PublicationHead; version: Version; replaced?: Version } | { head: PublicationHead; version?: undefined };

/** Publishes now, or schedules when `publishAt` is in the future. */
export function publish(head: PublicationHead, actor: Actor, now: string, publishAt?: string): PublishOutcome {
  const working = requireWorking(head, 'publish');
  const approved = working.stage === 'approved' || (working.stage === 'scheduled' && working.approvedBy !== undefined);
  if (needsApproval(head.kind) && !approved) {
    throw illegal(head, 'publish', `a ${head.kind} needs approval by a second publisher first (POST …/approve).`);
  }
  const expiresAt = working.content.expiresAt;
  const effectiveAt = publishAt && Date.parse(publishAt) > Date.parse(now) ? publishAt : now;
  if (expiresAt && Date.parse(expiresAt) <= Date.parse(effectiveAt)) {
    throw new ValidationError([{ path: 'expiresAt', message: 'is not after the publish time' }]);
  }
  if (effectiveAt !== now) {
    const scheduled: WorkingCopy = { ...working, stage: 'scheduled', scheduledBy: actor.personId, publishAt: effectiveAt, updatedAt: now };
    return { head: { ...head, working: scheduled, updatedAt: now, rev: head.rev + 1 } };
  }
  return releaseVersion(head, working, working.scheduledBy ?? actor.personId, now);
}

/** Publishes a scheduled working copy whose time has come; the scheduler calls this. */
export function publishDue(head: PublicationHead, now: string): PublishOutcome | undefined {
  const working = head.working;
  if (!working || working.stage !== 'scheduled' || !working.publishAt || Date.parse(working.publishAt) > Date.parse(now)) return undefined;
  if (head.state === 'archived' || head.state === 'expired') return undefined;
  return releaseVersion(head, working, working.scheduledBy ?? head.createdBy, now);
}

function releaseVersion(head: PublicationHead, working: WorkingCopy, publishedBy: string, now: string): PublishOutcome {
  const first = head.current === undefined;
  const version: Version = {
    id: head.id,
    version: (head.current?.version ?? 0) + 1,
    content: working.content,
    regions: regionsOf(working.content.countries),
    orgId: head.orgId,
    changeNote: first ? (working.changeNote ?? FIRST_CHANGE_NOTE) : (working.changeNote ?? ''),
    major: first ? true : (working.major ?? false),
    publishedAt: now,
    publishedBy,
  };
  if (working.approvedBy) version.approvedBy = working.approvedBy;
  const next: PublicationHead = { ...head, state: 'published', current: version, updatedAt: now, rev: head.rev + 1 };
  // Heads published before public numbering was recorded: their versions are taken to have been public.
  const legacy = head.publicVersions === undefined && head.current !== undefined;
  const publicSoFar = head.publicVersions ?? head.current?.publicVersion ?? head.current?.version ?? 0;
  const firstPublicAt = legacy ? head.firstPublishedAt : head.firstPublicAt;
  next.publicVersions = publicSoFar;
  if (firstPublicAt) next.firstPublicAt = firstPublicAt;
  if (working.content.sharing === 'TLP:CLEAR') {
    version.publicVersion = publicSoFar + 1;
    next.publicVersions = version.publicVersion;
    next.firstPublicAt = firstPublicAt ?? now;
  }
  delete next.working;
  // A request to archive was about the version it saw; a new one needs a new request.
  delete next.archiveRequest;
  next.firstPublishedAt = head.firstPublishedAt ?? now;
  return head.current ? { head: next, version, replaced: head.current } : { head: next, version };
}

export function archive(head: PublicationHead, now: string, supersededBy?: string): PublicationHead {
  assertNotEnded(head, 'archive');
  const next: PublicationHead = { ...head, state: 'archived', endedAt: now, updatedAt: now, rev: head.rev + 1 };
  delete next.archiveRequest;
  delete next.restoreRequest;
  // A pending amendment is discarded; a never-published draft is kept so its owner can still read it.
  if (head.current) delete next.working;
  if (supersededBy) next.supersededBy = supersededBy;
  return next;
}

/** What a publisher's archive step did: archived it (`requestedBy`: whose request it confirmed), or asked for a second publisher. */
export type ArchiveOutcome = { head: PublicationHead; archived: true; requestedBy?: string } | { head: PublicationHead; archived: false };

/**
 * A publisher archives. A published item of a kind that needs approval to
 * publish (a travel advisory, a report) needs the same to be withdrawn, so
 * that the public map never loses a country's advisory on one person's
 * word: the first publisher's archive records a request, and a different
 * publisher's archive completes it. Everything else (drafts, security
 * alerts, announcements) is archived at once.
 */
export function archiveStep(head: PublicationHead, actor: Actor, now: string): ArchiveOutcome {
  assertNotEnded(head, 'archive');
  if (head.state !== 'published' || !needsApproval(head.kind)) return { head: archive(head, now), archived: true };
  const request = head.archiveRequest;
  if (!request) {
    return { head: { ...head, archiveRequest: { requestedBy: actor.personId, requestedAt: now }, updatedAt: now, rev: head.rev + 1 }, archived: false };
  }
  if (request.requestedBy === actor.personId) {
    throw new ConflictError('second-publisher-required', `Cannot archive: a ${head.kind} is withdrawn only when a publisher other than the one who asked confirms it.`, {
      status: statusOf(head),
    });
  }
  return { head: archive(head, now), archived: true, requestedBy: request.requestedBy };
}

/**
 * A reviewer sends a submitted (or draft) working copy back to its author
 * with a comment: the stage returns to draft, and the comment stays on the
 * working copy until the next edit. Only a publisher who did not write the
 * changes may return them, as only they may approve them.
 */
export function returnToAuthor(head: PublicationHead, actor: Actor, now: string, comment: string): PublicationHead {
  const working = requireWorking(head, 'return to the author');
  if (working.stage !== 'submitted' && working.stage !== 'draft') throw illegal(head, 'return to the author', `it is already ${working.stage}.`);
  if (working.editors.includes(actor.personId)) {
    throw new ConflictError('second-publisher-required', 'Cannot return to the author: you wrote these changes. Edit them instead.', { status: statusOf(head) });
  }
  const next: WorkingCopy = { ...working, stage: 'draft', returned: { by: actor.personId, at: now, comment }, updatedAt: now };
  delete next.submittedBy;
  return { ...head, working: next, updatedAt: now, rev: head.rev + 1 };
}

/** What a publisher's unarchive step did: restored it, or asked for a second publisher. */
export type UnarchiveOutcome = { head: PublicationHead; restored: true; requestedBy?: string } | { head: PublicationHead; restored: false };

/**
 * Undoes an archive: the last published version is back in listings and
 * feeds as it was, with no new version and no new alert. Under the rule
 * that withdrew it, a kind that needs a second publisher to publish or
 * archive needs one to restore too: the first publisher's unarchive records
 * a request, another's restores it. A superseded advisory (a newer one is
 * current), an expired item and a never-published draft cannot be restored.
 */
export function unarchiveStep(head: PublicationHead, actor: Actor, now: string): UnarchiveOutcome {
  if (head.state !== 'archived') throw illegal(head, 'unarchive', `it is ${statusOf(head)}, not archived.`);
  if (!head.current) throw illegal(head, 'unarchive', 'it was never published; edit the draft instead.');
  if (head.supersededBy) throw illegal(head, 'unarchive', 'a newer advisory for the country replaced it; amend that one instead.');
  const expiresAt = head.current.content.expiresAt;
  if (expiresAt && Date.parse(expiresAt) <= Date.parse(now)) throw illegal(head, 'unarchive', 'its end time has passed.');
  const restore = (): PublicationHead => {
    const next: PublicationHead = { ...head, state: 'published', updatedAt: now, rev: head.rev + 1 };
    delete next.endedAt;
    delete next.restoreRequest;
    return next;
  };
  if (!needsApproval(head.kind)) return { head: restore(), restored: true };
  const request = head.restoreRequest;
  if (!request) return { head: { ...head, restoreRequest: { requestedBy: actor.personId, requestedAt: now }, updatedAt: now, rev: head.rev + 1 }, restored: false };
  if (request.requestedBy === actor.personId) {
    throw new ConflictError('second-publisher-required', `Cannot unarchive: a ${head.kind} is restored only when a publisher other than the one who asked confirms it.`, {
      status: statusOf(head),
    });
  }
  return { head: restore(), restored: true, requestedBy: request.requestedBy };
}

/** Ends a published item whose `expiresAt` has passed; undefined when it is not due. */
export function expire(head: PublicationHead, now: string): PublicationHead | undefined {
  const expiresAt = head.current?.content.expiresAt;
  if (head.state !== 'published' || !expiresAt || Date.parse(expiresAt) > Date.parse(now)) return undefined;
  const next: PublicationHead = { ...head, state: 'expired', endedAt: now, updatedAt: now, rev: head.rev + 1 };
  delete next.working;
  return next;
}
