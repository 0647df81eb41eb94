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

/** What the API reports as `status`. */
export type PublicationStatus = Stage | 'published' | 'archived' | 'expired';

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
  endedAt?: string;
  /** Set when an archive was caused by a newer advisory for the same country. */
  supersededBy?: string;
}

export function statusOf(head: PublicationHead): PublicationStatus {
  if (head.state === 'unpublished') return head.working?.stage ?? 'draft';
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
