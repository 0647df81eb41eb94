import type { Clock } from '../ports/clock';
import type { SearchIndexStore } from '../ports/search-index-store';
import type { SearchIndexCache } from './search/search-index-cache';

/** Log entries kept behind a snapshot's watermark, for processes that have not caught up with it yet. */
const LOG_RETENTION_MS = 60 * 60 * 1000;

/**
 * Writes this process's engine (the current snapshot plus every log entry
 * since) as the next snapshot of the same lineage, then prunes the log
 * an hour behind it. Nothing is written when the engine is not of the
 * current lineage or is older than the current snapshot (another indexer
 * compacted meanwhile). Resolves to whether a snapshot was written.
 */
export async function compactSearchIndex(deps: { searchIndex: SearchIndexStore; clock: Clock }, cache: SearchIndexCache): Promise<boolean> {
  await cache.current();
  const state = cache.state();
  const head = await deps.searchIndex.readHead();
  const current = head?.snapshot;
  if (!head || !current || state.lineage !== current.lineage || state.watermark < current.watermark) return false;
  await state.engine.compact();
  const stored = await deps.searchIndex.writeSnapshot(
    {
      json: JSON.stringify(state.engine),
      watermark: state.watermark,
      lineage: current.lineage,
      builtAt: deps.clock.now(),
      appendsIncluded: state.appends,
      documents: state.engine.size,
    },
    current.id,
  );
  if (!stored) return false;
  const after = await deps.searchIndex.readHead();
  if (after?.snapshot) cache.adopt(after.snapshot.id, after.snapshot.lineage);
  const before = new Date(Date.parse(state.watermark.slice(0, 24)) - LOG_RETENTION_MS).toISOString();
  await deps.searchIndex.pruneLog(before);
  return true;
}
