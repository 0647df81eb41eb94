import type { PublicationHead } from '../../shared/domain/publication';
import type { WorkbenchFilter } from '../../shared/domain/workbench-filter';
import { CsrfField } from '../components/account';
import { PageErrorSummary } from '../components/form';
import { FindForm } from '../components/find-form';
import { Layout } from '../components/layout';
import { ItemTable } from './console-home';

/** The query string of a filter, for links that keep it (next page). */
function filterQuery(filter: WorkbenchFilter, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, String(value));
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

export interface ConsoleFindProps {
  filter: WorkbenchFilter;
  authors: readonly { id: string; name: string }[];
  items: readonly PublicationHead[];
  cursor: string | null;
  /** Whether this is a later page (the first-page link is shown). */
  paged: boolean;
  error?: string | undefined;
}

/**
 * Every publication of the organization that matches the filters, drafts
 * and amendments included, 20 at a time with an opaque cursor. With
 * `status=archived` it is the Archived view, where each item can be
 * unarchived (under the two-person rule for the kinds that need it).
 */
export function ConsoleFindPage({ filter, authors, items, cursor, paged, error }: ConsoleFindProps) {
  const archived = filter.status === 'archived';
  const title = archived ? 'Archived publications' : 'Find publications';
  return (
    <Layout title={error ? `Error: ${title}` : title} current="/console">
      <p class="breadcrumb">
        <a href="/console">Console</a>
      </p>
      <h1>{title}</h1>
      {error ? <PageErrorSummary message={error} /> : null}
      <FindForm filter={filter} authors={authors} />
      <p class="button-row">
        {archived ? <a href="/console/items">All but archived</a> : <a href="/console/items?status=archived">Archived view</a>}
        {!filter.country || (archived && filter.kind === 'travel-advisory') ? null : (
          <a href={`/console/items?${filterQuery({ kind: 'travel-advisory', country: filter.country, status: 'archived' })}`}>Earlier advisories for this country</a>
        )}
      </p>
      <ItemTable
        caption={paged ? 'Found (later page)' : 'Found'}
        items={items}
        empty={archived ? 'Nothing archived matches.' : 'Nothing matches. Try fewer words or filters, or the Archived view.'}
        action={
          archived
            ? {
                label: 'Undo',
                cell: (h) =>
                  h.current && !h.supersededBy ? (
                    <form method="post" action={`/console/publications/${h.id}/unarchive`} class="inline-form">
                      <CsrfField />
                      <input type="hidden" name="rev" value={String(h.rev)} />
                      <button type="submit" class="button secondary" aria-label={`Unarchive ${(h.working ?? h.current).content.title}`}>
                        {h.restoreRequest ? 'Confirm unarchive' : 'Unarchive'}
                      </button>
                    </form>
                  ) : h.supersededBy ? (
                    'Replaced by a newer advisory'
                  ) : (
                    'Never published'
                  ),
              }
            : undefined
        }
      />
      <nav aria-label="Pages" class="button-row">
        {paged ? <a href={`/console/items?${filterQuery(filter)}`}>First page</a> : null}
        {cursor ? (
          <a href={`/console/items?${filterQuery(filter, cursor)}`} rel="next">
            Next page
          </a>
        ) : null}
      </nav>
    </Layout>
  );
}
