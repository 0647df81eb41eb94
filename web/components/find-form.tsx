import { allCountries } from '../../shared/domain/country';
import type { PublicationStatus } from '../../shared/domain/publication';
import { KIND_LABELS, KindSchema } from '../../shared/domain/publication-kind';
import type { WorkbenchFilter } from '../../shared/domain/workbench-filter';
import { SelectField, TextField } from './form';
import { STATUS_LABELS } from './workflow-status';

const STATUS_OPTIONS = Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })) as { value: PublicationStatus; label: string }[];

/** The console's search and filters, as a GET form (bookmarkable, works without JavaScript); `compact` is the words box alone. */
export function FindForm({ filter, authors, compact }: { filter: WorkbenchFilter; authors: readonly { id: string; name: string }[]; compact?: boolean }) {
  return (
    <form method="get" action="/console/items" class="filters" role="search" aria-label="Find publications">
      <TextField name="q" label={compact ? 'Find by words' : 'Words'} value={filter.q} hint="In the title, summary or text, drafts included." />
      {compact ? null : (
        <>
          <SelectField name="kind" label="Kind" value={filter.kind} options={[{ value: '', label: 'Any kind' }, ...KindSchema.options.map((k) => ({ value: k, label: KIND_LABELS[k] }))]} />
          <SelectField name="status" label="Status" value={filter.status} options={[{ value: '', label: 'Any but archived' }, ...STATUS_OPTIONS]} />
          <SelectField
            name="country"
            label="Country"
            value={filter.country}
            options={[{ value: '', label: 'Any country' }, ...allCountries().map((c) => ({ value: c.code, label: c.name }))]}
          />
          <SelectField name="author" label="Author" value={filter.author} options={[{ value: '', label: 'Anyone' }, ...authors.map((a) => ({ value: a.id, label: a.name }))]} />
        </>
      )}
      <div class="field">
        <button type="submit" class="button">
          Find
        </button>
      </div>
    </form>
  );
}
