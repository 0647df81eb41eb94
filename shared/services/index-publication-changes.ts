import type { SearchDocument } from '../domain/search-document';
import type { Logger } from '../ports/logger';
import { compactSearchIndex } from './compact-search-index';
import { rebuildSearchIndex, type RebuildSearchDeps } from './rebuild-search-index';
import type { SearchIndexCache } from './search/search-index-cache';

/** What the search indexer needs: the search store and clock, and the table's publications for a first build. */
export type IndexPublicationDeps = RebuildSearchDeps & { logger: Logger };

/** Appends after which the log is folded into a new snapshot, so a cold start replays little. */
const COMPACT_AFTER_APPENDS = 200;
/** A snapshot older than this is refreshed at the next change, however few changes there were. */
const COMPACT_AFTER_MS = 10 * 60 * 1000;

/**
 * The search indexer's work for one batch of changed publications: append
 * them to the log (API processes pick them up from there within their
 * check interval), then keep the snapshot current: build it from the
 * table when there is none yet, or fold the log into a new one when enough
 * has changed. A failed build or fold is logged and tried again with the
 * next batch: the log already holds the changes.
 */
export async function indexPublicationChanges(deps: IndexPublicationDeps, cache: SearchIndexCache, documents: readonly SearchDocument[]): Promise<void> {
  if (documents.length > 0) {
    await deps.searchIndex.appendLog(
      documents.map((document) => ({ position: `${deps.clock.now()}#${document.id}#${String(document.rev).padStart(9, '0')}`, document })),
    );
  }
  try {
    const head = await deps.searchIndex.readHead();
    const snapshot = head?.snapshot;
    if (!snapshot) {
      const built = await rebuildSearchIndex(deps);
      deps.logger.info('search index built from the table', { documents: built ?? 'built by another indexer' });
      return;
    }
    const pending = (head?.appends ?? 0) - snapshot.appendsIncluded;
    const age = Date.parse(deps.clock.now()) - Date.parse(snapshot.builtAt);
    if (pending >= COMPACT_AFTER_APPENDS || (pending > 0 && age >= COMPACT_AFTER_MS)) {
      const written = await compactSearchIndex(deps, cache);
      if (written) deps.logger.info('search snapshot written', { pending });
    }
  } catch (error) {
    deps.logger.error('search snapshot not written; the log holds the changes', { error: error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : 'unknown' });
  }
}
