import { matchesWorkbenchFilter, type WorkbenchFilter } from '../domain/workbench-filter';
import type { PublicationHead } from '../domain/publication';
import type { Page } from '../ports/page';
import type { ActingPerson, ServiceDeps } from './deps';

/** How many store pages one console page may read before it answers with what it found and a cursor. */
const MAX_READS = 25;

/**
 * A page of the organization's publications (drafts, amendments and
 * archived items included) that match a filter, most recently changed
 * first. It walks the organization's workbench listing, asking each time
 * for only as many items as the page still lacks, so the cursor it returns
 * (the store's own, opaque) resumes right after the last item examined and
 * nothing is skipped or shown twice. A page may hold fewer than `size`
 * when matches are rare; the cursor then goes on.
 */
export async function findWorkbenchItems(
  deps: Pick<ServiceDeps, 'publications'>,
  actor: ActingPerson,
  filter: WorkbenchFilter,
  size: number,
  cursor?: string,
): Promise<Page<PublicationHead>> {
  const items: PublicationHead[] = [];
  let next: string | null = cursor ?? null;
  let reads = 0;
  do {
    const page = await deps.publications.listWorkbench(actor.orgId, size - items.length, next ?? undefined);
    items.push(...page.items.filter((h) => matchesWorkbenchFilter(h, filter)));
    next = page.cursor;
    reads += 1;
  } while (next && items.length < size && reads < MAX_READS);
  return { items, cursor: next };
}
