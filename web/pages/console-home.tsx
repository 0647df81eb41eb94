import { KIND_LABELS } from '../../shared/domain/publication-kind';
import { statusOf, type PublicationHead } from '../../shared/domain/publication';
import { Time } from '../components/format';
import { Layout } from '../components/layout';
import { STATUS_LABELS } from '../components/workflow-status';
import { FindForm } from '../components/find-form';

const titleOf = (h: PublicationHead) => (h.working ?? h.current)?.content.title ?? '(untitled)';

/** One table of workbench items; `action` adds a last column (the Archived view's unarchive buttons). */
export function ItemTable({ caption, items, empty, action }: { caption: string; items: readonly PublicationHead[]; empty: string; action?: { label: string; cell: (h: PublicationHead) => unknown } }) {
  const id = `t-${caption.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{action || caption.startsWith('Found') ? caption : `${caption} (${items.length})`}</h2>
      {items.length === 0 ? (
        <p class="meta">{empty}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Updated</th>
                {action ? <th scope="col">{action.label}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((h) => (
                <tr>
                  <th scope="row">
                    <a href={`/console/publications/${h.id}`}>{titleOf(h)}</a>
                  </th>
                  <td>{KIND_LABELS[h.kind]}</td>
                  <td>
                    {STATUS_LABELS[h.archiveRequest || h.state === 'archived' || h.state === 'expired' ? statusOf(h) : (h.working?.stage ?? statusOf(h))]}
                    {h.state === 'published' && h.working ? ' (amendment)' : ''}
                    {h.working?.publishAt && h.working.stage === 'scheduled' ? (
                      <>
                        {' for '}
                        <Time iso={h.working.publishAt} withTime />
                      </>
                    ) : null}
                  </td>
                  <td>
                    <Time iso={h.updatedAt} withTime />
                  </td>
                  {action ? <td>{action.cell(h) as never}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The console's front page: the organization's work in progress and recent publications. */
export function ConsoleHome({ items, notice }: { items: readonly PublicationHead[]; notice?: string | undefined }) {
  const stage = (h: PublicationHead) => h.working?.stage;
  const drafts = items.filter((h) => h.state !== 'archived' && h.state !== 'expired' && stage(h) === 'draft');
  // A request to archive waits for a second publisher as an approval does.
  const review = items.filter((h) => h.state !== 'archived' && h.state !== 'expired' && (stage(h) === 'submitted' || stage(h) === 'approved' || h.archiveRequest !== undefined));
  const scheduled = items.filter((h) => stage(h) === 'scheduled');
  const published = items.filter((h) => h.state === 'published' && !h.working).slice(0, 20);
  return (
    <Layout title="Publisher console" current="/console">
      <h1>Publisher console</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p class="button-row">
        <a class="button" href="/console/new">
          Compose a publication
        </a>
        <a class="button secondary" href="/console/items">
          Find anything
        </a>
        <a class="button secondary" href="/console/items?status=archived">
          Archived
        </a>
      </p>
      <FindForm filter={{}} authors={[]} compact />
      <ItemTable caption="Drafts" items={drafts} empty="No drafts." />
      <ItemTable caption="Awaiting approval or ready to publish" items={review} empty="Nothing is waiting for review." />
      <ItemTable caption="Scheduled" items={scheduled} empty="Nothing is scheduled." />
      <ItemTable caption="Recently published" items={published} empty="Nothing published yet." />
      <p>
        <a href="/console/items?status=published">Every published item</a>
      </p>
    </Layout>
  );
}
