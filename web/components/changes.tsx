import { levelName, type AdvisoryLevel } from '../../shared/domain/advisory-level';
import { countryName } from '../../shared/domain/country';
import type { Kind } from '../../shared/domain/publication-kind';
import { indicatorName, type RiskIndicator } from '../../shared/domain/risk-indicator';
import type { FieldChange } from '../../shared/services/version-diff';
import { fieldsOf } from '../pages/publication-form';

/** Longer text is not repeated in the table: the rendered copy below shows it. */
const INLINE_CHARS = 280;

/** A field's value in a publisher's words: levels and indicators by name, countries by name. */
function words(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '(empty)';
  if (field === 'level' && typeof value === 'number') return `Level ${value}: ${levelName(value as AdvisoryLevel)}`;
  if (field === 'countries' && typeof value === 'string') return countryName(value) ?? value;
  if (field === 'indicators' && typeof value === 'string') return `${value} – ${indicatorName(value as RiskIndicator)}`;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? Object.values(v as object).join(' | ') : words(field, v))).join('; ');
  const text = String(value);
  return text.length > INLINE_CHARS ? `${text.slice(0, INLINE_CHARS)}… (see the full text below)` : text;
}

function Change({ change }: { change: FieldChange }) {
  const list = (field: string, items: string[] | undefined) => (items ?? []).map((x) => words(field, x)).join('; ');
  if (change.added || change.removed || change.changed) {
    return (
      <>
        {change.added?.length ? (
          <p>
            Added: <ins>{list(change.field, change.added)}</ins>
          </p>
        ) : null}
        {change.removed?.length ? (
          <p>
            Removed: <del>{list(change.field, change.removed)}</del>
          </p>
        ) : null}
        {change.changed?.length ? <p>{`Changed: ${change.changed.join('; ')}`}</p> : null}
        {!change.added?.length && !change.removed?.length && !change.changed?.length ? <p>Reordered</p> : null}
      </>
    );
  }
  return (
    <p>
      <del>{words(change.field, change.before)}</del>
      {' → '}
      <ins>{words(change.field, change.after)}</ins>
    </p>
  );
}

/**
 * What an amendment changes against the published version, field by
 * field, in the form's own field names (`diffVersions` decides what
 * changed). Old values are struck through, new ones underlined, and the
 * words "Added", "Removed" and the arrow say it without colour.
 */
export function ChangeTable({ kind, from, changes }: { kind: Kind; from: number; changes: readonly FieldChange[] }) {
  const labels = new Map(fieldsOf(kind).map((f) => [f.name, f.label]));
  return (
    <section aria-labelledby="changes-title" class="changes">
      <h2 id="changes-title">{`What changes against version ${from}`}</h2>
      {changes.length === 0 ? (
        <p>No field differs from the published version.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Published → this amendment</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr data-field={c.field}>
                  <th scope="row">{labels.get(c.field) ?? c.field}</th>
                  <td>
                    <Change change={c} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
