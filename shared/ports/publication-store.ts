import type { AdvisoryPointer, AdvisoryPointerChange } from '../domain/advisory-pointer';
import type { AuditEntry } from '../domain/audit';
import type { Kind } from '../domain/publication-kind';
import type { PublicationHead, Version } from '../domain/publication';
import type { Viewer } from '../domain/sharing';
import type { Page } from './page';

/** What one workflow step writes, atomically. */
export interface HeadChange {
  head: PublicationHead;
  /** The rev the caller read; the write fails with PreconditionFailedError if it moved. */
  expectedRev: number;
  /** A newly published version, and the one it replaces. */
  released?: { version: Version; replaced?: Version | undefined };
  /** An archived or expired head's last version, whose listings are withdrawn. */
  ended?: Version;
  /** An unarchived head's last version, whose listings are written again (no new version). */
  restored?: Version;
  /** Another advisory for the same country that this publish archives. */
  supersede?: { head: PublicationHead; expectedRev: number; ended: Version };
  /** What happens to a country's current-advisory pointer (see shared/domain/advisory-pointer.ts). */
  advisory?: AdvisoryPointerChange | undefined;
  audit: AuditEntry[];
}

export interface PublicationQuery {
  kind?: Kind | undefined;
  country?: string | undefined;
  region?: string | undefined;
  /** Only versions published after this instant. */
  since?: string | undefined;
  limit: number;
  cursor?: string | undefined;
  /**
   * Keeps only the versions `accepts` takes (a place filter), applied after
   * reading; `key` names the filter so a cursor cannot page another. A page
   * may then hold fewer than `limit` items while the cursor says there are more.
   */
  keep?: { key: string; accepts(version: Version): boolean } | undefined;
}

/**
 * Publications and their versions. Reads that take a Viewer enforce the
 * sharing level here, in the store: nothing the viewer may not see is
 * returned, and versions come numbered as the viewer is shown them
 * (`versionAsSeenBy`: the public counts public versions only).
 */
export interface PublicationStore {
  create(head: PublicationHead, audit: AuditEntry[]): Promise<void>;
  /** The raw head, for workflow steps; callers check the actor's rights. */
  get(id: string): Promise<PublicationHead | undefined>;
  save(change: HeadChange): Promise<void>;
  /** The latest published version, if the viewer may see it. */
  getVisible(id: string, viewer: Viewer): Promise<{ head: PublicationHead; version: Version } | undefined>;
  /** Every published version, oldest first, if the viewer may see the current one. */
  listVersions(id: string, viewer: Viewer): Promise<Version[] | undefined>;
  /** Published versions the viewer may see, newest first. */
  listVisible(viewer: Viewer, query: PublicationQuery): Promise<Page<Version>>;
  /** An organization's own publications in every state, most recently changed first. */
  listWorkbench(orgId: string, limit: number, cursor?: string): Promise<Page<PublicationHead>>;
  currentAdvisories(): Promise<AdvisoryPointer[]>;
  currentAdvisory(country: string): Promise<AdvisoryPointer | undefined>;
  /** Ids of heads whose scheduled publish or expiry is due. */
  due(kind: 'publish' | 'expire', now: string, limit: number): Promise<string[]>;
  /**
   * How many publishes, amendments, archives and expiries have changed a
   * public (TLP:CLEAR) listing: a counter such writes bump in the same
   * transaction, and no other write does. Caches of public documents compare
   * it to know they are stale, and take their Last-Modified from it, so
   * nothing public moves when only GREEN or AMBER items change.
   */
  publicChangeCount(): Promise<ChangeCount>;
}

/** The public listing change counter and when it last moved (absent for counters written before it was recorded). */
export interface ChangeCount {
  count: number;
  changedAt?: string | undefined;
}
