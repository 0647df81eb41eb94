import { randomUUID } from 'node:crypto';
import { searchDocumentOf } from '../domain/search-document';
import type { SearchIndexStore } from '../ports/search-index-store';
import type { ServiceDeps } from './deps';
import { SearchEngine } from './search/search-engine';
import { rewind } from './search/search-index-cache';

/** What a rebuild reads (every organization's publications) and where it writes. */
export type RebuildSearchDeps = Pick<ServiceDeps, 'publications' | 'directory' | 'clock'> & { searchIndex: SearchIndexStore };

const PAGE = 100;

/**
 * Builds the search index from the table itself (every organization's
 * publications, each at its head's newest published version) and stores
 * it as the snapshot of a new lineage, so every process reloads it. Run
 * when there is no snapshot yet: on the first change after a deployment
 * (the indexer does it), after seeding a local table, or by an operator.
 * Changes logged while it read are applied too; the newer `rev` wins.
 * Resolves to the number of documents, or undefined if another writer
 * stored a snapshot first.
 */
export async function rebuildSearchIndex(deps: RebuildSearchDeps): Promise<number | undefined> {
  const startedAt = deps.clock.now();
  const head = await deps.searchIndex.readHead();
  const engine = SearchEngine.empty();
  for (const org of await deps.directory.listOrganizations()) {
    let cursor: string | undefined;
    do {
      const page = await deps.publications.listWorkbench(org.id, PAGE, cursor);
      for (const publication of page.items) {
        const doc = searchDocumentOf(publication);
        if (doc) engine.apply(doc);
      }
      cursor = page.cursor ?? undefined;
    } while (cursor);
  }
  let watermark = startedAt;
  for (const entry of await deps.searchIndex.readLog(rewind(startedAt))) {
    engine.apply(entry.document);
    if (entry.position > watermark) watermark = entry.position;
  }
  const stored = await deps.searchIndex.writeSnapshot(
    {
      json: JSON.stringify(engine),
      watermark,
      lineage: randomUUID(),
      builtAt: deps.clock.now(),
      appendsIncluded: head?.appends ?? 0,
      documents: engine.size,
    },
    head?.snapshot?.id,
  );
  return stored ? engine.size : undefined;
}
