import type { Page } from '../ports/page';
import type { ActingPerson, ServiceDeps } from './deps';

/** One line of a publishing organization's workbench. */
export interface WorkbenchItem {
  id: string;
  kind: string;
  title: string;
  status: string | undefined;
  stage: string | null;
  version: number | null;
  updatedAt: string;
  rev: number;
}

/** The acting person's organization's publications in every state, most recently changed first. */
export async function listWorkbench(deps: Pick<ServiceDeps, 'publications'>, actor: ActingPerson, limit: number, cursor?: string): Promise<Page<WorkbenchItem>> {
  const page = await deps.publications.listWorkbench(actor.orgId, limit, cursor);
  return {
    items: page.items.map((h) => ({
      id: h.id,
      kind: h.kind,
      title: (h.working ?? h.current)?.content.title ?? '',
      status: h.state === 'unpublished' ? h.working?.stage : h.state,
      stage: h.working?.stage ?? null,
      version: h.current?.version ?? null,
      updatedAt: h.updatedAt,
      rev: h.rev,
    })),
    cursor: page.cursor,
  };
}
