import type { Version } from '../../shared/domain/publication';
import { KIND_LABELS } from '../../shared/domain/publication-kind';
import { EventWindow, localPlaceOf, Time } from './format';

/** A short list of publications: kind label, linked title, date, and for alerts the window and actions. */
export function PublicationList({ items, headingLevel = 3 }: { items: readonly Version[]; headingLevel?: 3 | 4 }) {
  const H = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <ul class="items">
      {items.map((v) => {
        const c = v.content;
        return (
          <li>
            <span class="kind">{KIND_LABELS[c.kind]}</span>
            <H>
              <a href={`/publications/${v.id}`}>{c.title}</a>
            </H>
            <p class="meta">
              Published <Time iso={v.publishedAt} />
              {v.version > 1 ? ` (version ${v.version})` : ''}
            </p>
            <p>{c.summary}</p>
            {c.kind === 'security-alert' && (c.eventStart || c.eventEnd) ? (
              <p class="meta">
                When: <EventWindow start={c.eventStart} end={c.eventEnd} place={localPlaceOf(c.countries)} />
              </p>
            ) : null}
            {c.kind === 'security-alert' ? (
              <>
                <p class="meta">Actions to take:</p>
                <ul>
                  {c.actions.map((a) => (
                    <li>{a}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** A version history: version number, date, change note, and whether the change was major. */
export function VersionHistory({ versions, caption }: { versions: readonly Version[]; caption: string }) {
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  return (
    <div class="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Published</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((v) => (
            <tr>
              <th scope="row">{v.version}</th>
              <td>
                <Time iso={v.publishedAt} />
              </td>
              <td>
                {v.changeNote || (v.version === 1 ? 'First published.' : '—')}
                {v.version > 1 ? (v.major ? ' (major change)' : ' (minor change)') : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
