import type { SearchDocument } from '../domain/search-document';

/**
 * Where the search index lives between processes: a serialized snapshot of
 * the whole index, a log of the documents changed since, and a head that
 * says which snapshot is current and counts log appends (so a reader can
 * tell cheaply whether anything changed).
 *
 * Log positions are `<ISO instant>#<id>#<rev>` strings that sort by time;
 * a reader asks for everything after a position a little before the last
 * one it saw, because appends from concurrent writers become visible
 * slightly out of order (applying a document twice is harmless: the newer
 * `rev` wins).
 */
export interface SearchIndexStore {
  /** The head, or undefined before anything was ever indexed. */
  readHead(): Promise<SearchIndexHead | undefined>;
  /** A snapshot's serialized engine; throws SnapshotGoneError when it was replaced and removed meanwhile. */
  readSnapshot(snapshot: SnapshotRef): Promise<string>;
  /** Appends changed documents to the log, then counts the append on the head. */
  appendLog(entries: readonly SearchLogEntry[]): Promise<void>;
  /** Log entries after `position`, oldest first. */
  readLog(after: string): Promise<SearchLogEntry[]>;
  /**
   * Stores a new snapshot and makes it current, if the head still names
   * `replaces` (undefined: no snapshot yet). Resolves to false when another
   * writer got there first; then nothing of this one remains.
   */
  writeSnapshot(snapshot: NewSnapshot, replaces: string | undefined): Promise<boolean>;
  /** Deletes log entries before `position` and records it as the oldest position still held. */
  pruneLog(before: string): Promise<void>;
}

/** Which snapshot, and how it was stored. */
export interface SnapshotRef {
  id: string;
  chunks: number;
}

export interface SearchIndexHead {
  snapshot?: SnapshotRef & {
    /** The newest log position the snapshot includes. */
    watermark: string;
    /** Changes since a full rebuild share one lineage; a new lineage means readers must reload. */
    lineage: string;
    builtAt: string;
    /** The head's `appends` when the snapshot was built. */
    appendsIncluded: number;
    documents: number;
    bytes: number;
  };
  /** Log appends so far. */
  appends: number;
  /** Log entries before this position were pruned. */
  logFloor: string;
}

export interface SearchLogEntry {
  position: string;
  document: SearchDocument;
}

export interface NewSnapshot {
  json: string;
  watermark: string;
  lineage: string;
  builtAt: string;
  appendsIncluded: number;
  documents: number;
}
