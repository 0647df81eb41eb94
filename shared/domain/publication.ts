import { regionsOf } from './country';
import { PublicationContentSchema, type PublicationContent } from './publication-content';
import type { Kind } from './publication-kind';
import type { Region } from './region';
import { canSee, type Viewer } from './sharing';

/**
 * A publication is a head (its workflow state and latest published version)
 * plus immutable published versions. Edits happen on a working copy; each
 * publish turns the working copy into the next version.
 */

/** Where a working copy stands in review. */
export type Stage = 'draft' | 'submitted' | 'approved' | 'scheduled';

/** Lifecycle of the publication as a whole. */
export type PublicationState = 'unpublished' | 'published' | 'archived' | 'expired';

/** What the API reports as `status` (to the publishing organization; others see `published` while an archive awaits confirmation). */
export type PublicationStatus = Stage | 'published' | 'archive-requested' | 'archived' | 'expired';

/** One immutable published version. */
export interface Version {
  id: string;
  version: number;
  content: PublicationContent;
  regions: Region[];
  orgId: string;
  changeNote: string;
  major: boolean;
  publishedAt: string;
  publishedBy: string;
  approvedBy?: string;
  /**
   * Its number among the publication's TLP:CLEAR versions, for CLEAR
   * versions: what the public is shown as `version`, so a version shared
   * more narrowly leaves no gap in public numbering. Absent above CLEAR (and
   * on versions published before it was recorded, where it equals `version`).
   */
  publicVersion?: number;
}

export interface WorkingCopy {
  content: PublicationContent;
  stage: Stage;
  /** Everyone who wrote this working copy; none of them may approve it. */
  editors: string[];
  changeNote?: string;
  major?: boolean;
  submittedBy?: string;
  approvedBy?: string;
  /** Who asked for a scheduled publish, and when it is due. */
  scheduledBy?: string;
  publishAt?: string;
  /** A reviewer sent it back to its author with a comment; cleared by the next edit. */
  returned?: { by: string; at: string; comment: string };
  updatedAt: string;
}

export interface PublicationHead {
  id: string;
  kind: Kind;
  orgId: string;
  /** Bumped on every write; the ETag and the optimistic-concurrency check. */
  rev: number;
  state: PublicationState;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** The latest published version, while there is one. */
  current?: Version;
  working?: WorkingCopy;
  /** The first version's publish time. */
  firstPublishedAt?: string;
  /** How many TLP:CLEAR versions have been published, and when the first was: the public's view of `version` and `firstPublishedAt`. */
  publicVersions?: number;
  firstPublicAt?: string;
  endedAt?: string;
  /** Set when an archive was caused by a newer advisory for the same country. */
  supersededBy?: string;
  /**
   * A publisher asked to archive a published item of a kind that needs a
   * second publisher (see `archiveStep`); another publisher must confirm.
   */
  archiveRequest?: { requestedBy: string; requestedAt: string };
  /** The same for restoring an archived item of such a kind (see `unarchiveStep`). */
  restoreRequest?: { requestedBy: string; requestedAt: string };
}

export function statusOf(head: PublicationHead): PublicationStatus {
  if (head.state === 'unpublished') return head.working?.stage ?? 'draft';
  if (head.state === 'published' && head.archiveRequest) return 'archive-requested';
  return head.state;
}

/** Validates content and derives its regions. */
export function parseContent(input: unknown): { content: PublicationContent; regions: Region[] } {
  const content = PublicationContentSchema.parse(input);
  return { content, regions: regionsOf(content.countries) };
}

/** The advisory level of a travel advisory's content, or undefined. */
export function levelOf(content: PublicationContent): number | undefined {
  return content.kind === 'travel-advisory' ? content.level : undefined;
}

/** Whether `viewer` may see this version: each version carries its own sharing level. */
export function canSeeVersion(viewer: Viewer, version: Version): boolean {
  return canSee(viewer, { sharing: version.content.sharing, recipients: version.content.recipients ?? [], orgId: version.orgId });
}

/**
 * A version as `viewer` is shown it. The public counts only public
 * versions, so a CLEAR version published after a GREEN one is their
 * version 1, not 2; members see the organization's numbering.
 */
export function versionAsSeenBy(viewer: Viewer, version: Version): Version {
  if (viewer.kind !== 'anonymous' || version.publicVersion === undefined || version.publicVersion === version.version) return version;
  return { ...version, version: version.publicVersion };
}

/**
 * A head as someone outside its organization is shown it, beside the
 * version they may see: no working copy and no pending archive request,
 * `updatedAt` when what they can see last changed (not when a draft was
 * edited), and for the public the first public version's time. Its
 * revision still moves with every workflow step, so it is no validator for them.
 */
export function headAsSeenBy(viewer: Viewer, head: PublicationHead, version: Version): PublicationHead {
  const seenAt = head.endedAt && head.endedAt > version.publishedAt ? head.endedAt : version.publishedAt;
  const seen: PublicationHead = { ...head, current: version, updatedAt: seenAt };
  delete seen.working;
  delete seen.archiveRequest;
  delete seen.restoreRequest;
  delete seen.publicVersions;
  delete seen.firstPublicAt;
  if (viewer.kind === 'anonymous') seen.firstPublishedAt = head.firstPublicAt ?? head.firstPublishedAt ?? version.publishedAt;
  return seen;
}
