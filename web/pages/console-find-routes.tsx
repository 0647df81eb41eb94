import { roles } from '../../functions/http/access';
import { actor } from '../../functions/http/middleware/auth';
import type { Router } from '../../functions/http/router';
import { WorkbenchFilterSchema } from '../../shared/domain/workbench-filter';
import { BadCursorError } from '../../shared/errors';
import { findWorkbenchItems } from '../../shared/services/find-workbench-items';
import { listPublishers } from '../../shared/services/list-publishers';
import { ConsoleFindPage } from './console-find';
import { publisherIssues } from './publisher-errors';
import { sendPage } from './respond';

const PAGE_SIZE = 20;
const LABELS: Record<string, string> = { q: 'Words', kind: 'Kind', status: 'Status', country: 'Country', author: 'Author' };

/** The console's search, filters and Archived view: GET /console/items. */
export function consoleFindRoutes(router: Router): void {
  router.on('GET', '/console/items', roles('publisher'), async (c) => {
    const { cursor, ...query } = c.req.query();
    // An empty select or box means "any": drop it before parsing.
    const given = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''));
    const parsed = WorkbenchFilterSchema.safeParse(given);
    const authors = await listPublishers(c.var.deps, actor(c));
    if (!parsed.success) {
      const issues = publisherIssues(
        parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(query)', message: i.code === 'unrecognized_keys' ? 'is not a filter' : i.message })),
        given,
      );
      const error = issues.map((i) => `${LABELS[i.path] ?? i.path}: ${i.message}`).join(' ');
      return sendPage(c, <ConsoleFindPage filter={{}} authors={authors} items={[]} cursor={null} paged={false} error={error} />, { status: 422 });
    }
    try {
      const page = await findWorkbenchItems(c.var.deps, actor(c), parsed.data, PAGE_SIZE, cursor || undefined);
      return await sendPage(c, <ConsoleFindPage filter={parsed.data} authors={authors} items={page.items} cursor={page.cursor} paged={!!cursor} />);
    } catch (error) {
      if (!(error instanceof BadCursorError)) throw error;
      const message = 'This page link is out of date or damaged. Start again from the first page.';
      return sendPage(c, <ConsoleFindPage filter={parsed.data} authors={authors} items={[]} cursor={null} paged={false} error={message} />, { status: 400 });
    }
  });
}
