import { SnapshotGoneError } from '../../errors';
import type { Logger } from '../../ports/logger';
import type { SearchIndexHead, SearchIndexStore } from '../../ports/search-index-store';
import { SearchEngine } from './search-engine';

export interface SearchIndexCacheOptions {
  /** How long the head is trusted before it is read again; 250 ms by default, so a publish is searchable within 2 s. */
  checkIntervalMs?: number;
  /** Milliseconds, monotonic enough for intervals; injected in tests. */
  now?: () => number;
  logger?: Logger;
}

/**
 * How far before the last position seen the log is read again: appends by
 * concurrent indexers can become visible out of time order, and applying
 * an entry twice changes nothing.
 */
const LOG_OVERLAP_MS = 30_000;

/** What the engine of this process includes, for writing it back as a snapshot. */
export interface SearchIndexState {
  engine: SearchEngine;
  /** The snapshot lineage it descends from; undefined when it was built from the log alone. */
  lineage: string | undefined;
  /** The newest log position applied. */
  watermark: string;
  /** The head's append count when the log was last read. */
  appends: number;
}

/**
 * The search engine of one process, loaded from the stored snapshot on
 * first use (not rebuilt) and kept up to date from the change log, in the
 * way the feed cache follows the change counter:
 * - a request within `checkIntervalMs` of the last check uses the engine
 *   as it is, with no store call;
 * - otherwise the head is read (one GetItem, shared by every request in
 *   flight); if its append count moved, the log after the last position
 *   seen (less an overlap) is read and applied;
 * - a snapshot of a new lineage (a rebuild), or one that is newer than the
 *   log this process could still catch up from, is loaded instead.
 * If the table cannot be reached, the engine already loaded is used.
 *
 * @example
 *   const search = new SearchIndexCache(store);
 *   const result = runSearch(await search.current(), viewer, query);
 */
export class SearchIndexCache {
  private readonly checkIntervalMs: number;
  private readonly now: () => number;
  private engine: SearchEngine | undefined;
  private snapshotId: string | undefined;
  private lineage: string | undefined;
  private watermark = '';
  private appends = -1;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private checking: Promise<void> | undefined;

  constructor(
    private readonly store: SearchIndexStore,
    private readonly options: SearchIndexCacheOptions = {},
  ) {
    this.checkIntervalMs = options.checkIntervalMs ?? 250;
    this.now = options.now ?? (() => performance.now());
  }

  /** The engine, first brought up to date when the last check is older than the interval. */
  async current(): Promise<SearchEngine> {
    if (this.engine && this.now() - this.checkedAt < this.checkIntervalMs) return this.engine;
    try {
      await this.check();
    } catch (error) {
      if (!this.engine) throw error;
      this.options.logger?.warn('search index not refreshed; serving the one loaded', { error: error instanceof Error ? error.name : 'unknown' });
    }
    return this.engine ?? SearchEngine.empty();
  }

  /** The engine as of the last check and what it includes. */
  state(): SearchIndexState {
    return { engine: this.engine ?? SearchEngine.empty(), lineage: this.lineage, watermark: this.watermark, appends: this.appends };
  }

  /** Records that this process's engine was written as `snapshotId` of `lineage`. */
  adopt(snapshotId: string, lineage: string): void {
    this.snapshotId = snapshotId;
    this.lineage = lineage;
  }

  private check(): Promise<void> {
    this.checking ??= (async () => {
      const startedAt = this.now();
      try {
        await this.refresh(await this.store.readHead());
        // Trusted from when the read started: a change after that is seen within one interval.
        this.checkedAt = startedAt;
      } finally {
        this.checking = undefined;
      }
    })();
    return this.checking;
  }

  private async refresh(head: SearchIndexHead | undefined, retried = false): Promise<void> {
    if (!head) {
      this.engine ??= SearchEngine.empty();
      return;
    }
    const snapshot = head.snapshot;
    const behindLog = this.watermark === '' ? head.logFloor !== '' : rewind(this.watermark) < head.logFloor;
    const reload = !this.engine || (snapshot !== undefined && (snapshot.lineage !== this.lineage || (snapshot.id !== this.snapshotId && behindLog)));
    if (!reload && head.appends === this.appends) return;
    // A reloaded engine is swapped in only once it has caught up with the log.
    let engine = this.engine ?? SearchEngine.empty();
    let watermark = this.watermark;
    if (reload) {
      if (snapshot) {
        let json: string;
        try {
          json = await this.store.readSnapshot(snapshot);
        } catch (error) {
          // Replaced while we read it: the head now names the next one.
          if (error instanceof SnapshotGoneError && !retried) return this.refresh(await this.store.readHead(), true);
          throw error;
        }
        engine = SearchEngine.fromJSON(JSON.parse(json));
        watermark = snapshot.watermark;
      } else {
        engine = SearchEngine.empty();
        watermark = '';
      }
    }
    for (const entry of await this.store.readLog(rewind(watermark))) {
      engine.apply(entry.document);
      if (entry.position > watermark) watermark = entry.position;
    }
    if (reload) {
      this.snapshotId = snapshot?.id;
      this.lineage = snapshot?.lineage;
    }
    this.engine = engine;
    this.watermark = watermark;
    this.appends = head.appends;
  }
}

/** A log position some seconds earlier, as a lower bound for reading the log again. */
export function rewind(position: string, ms = LOG_OVERLAP_MS): string {
  if (position === '') return '';
  const at = Date.parse(position.slice(0, 24));
  return Number.isNaN(at) ? '' : new Date(at - ms).toISOString();
}
