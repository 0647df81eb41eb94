import { KIND_LABELS, type Kind } from '../../shared/domain/publication-kind';
import type { Organization } from '../../shared/domain/organization';
import { fieldsOf, type FieldSpec, type FormValues } from '../pages/publication-form';
import { CsrfField } from './account';
import { CountryPicker, resolveCountries } from './country-picker';
import { ChoiceGroup, ErrorSummary, fieldId, SelectField, TextArea, TextField, type FieldErrors } from './form';
import { PlaceEditor } from './place-editor';

export interface PublicationFormProps {
  kind: Kind;
  action: string;
  values: FormValues;
  errors: FieldErrors;
  /** Member organizations that TLP:AMBER may name. */
  organizations: readonly Organization[];
  /** Amending a published item: asks for a change note and whether the change is major. */
  amending?: boolean;
  /** The revision the form was opened at (optimistic concurrency, like If-Match). */
  rev?: number;
  submitLabel: string;
}

const SHARING_OPTIONS = [
  { value: 'TLP:CLEAR', label: 'TLP:CLEAR – public: pages, feeds and every subscriber' },
  { value: 'TLP:GREEN', label: 'TLP:GREEN – every member organization' },
  { value: 'TLP:AMBER', label: 'TLP:AMBER – only the organizations named below' },
];

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

/** One field of the form, by its type. */
function Field({ field, values, errors, organizations }: { field: FieldSpec; values: FormValues; errors: FieldErrors; organizations: readonly Organization[] }) {
  const common = { name: field.name, label: field.label, hint: field.hint, errors: errors[field.name], required: field.required };
  switch (field.type) {
    case 'textarea':
      return <TextArea {...common} value={one(values[field.name])} rows={3} />;
    case 'markdown':
    case 'sections':
      return <TextArea {...common} value={one(values[field.name])} rows={12} />;
    case 'lines':
    case 'contacts':
      return <TextArea {...common} value={one(values[field.name])} rows={4} />;
    case 'select':
    case 'number-select':
      return <SelectField {...common} value={one(values[field.name])} options={field.type === 'number-select' ? [{ value: '', label: 'Choose…' }, ...(field.options ?? [])] : (field.options ?? [])} />;
    case 'checkboxes':
      return <ChoiceGroup {...common} type="checkbox" options={field.options ?? []} checked={many(values[field.name])} />;
    case 'sharing':
      return <ChoiceGroup {...common} type="radio" options={SHARING_OPTIONS} checked={many(values[field.name] ?? 'TLP:CLEAR')} />;
    case 'recipients':
      return organizations.length ? (
        <ChoiceGroup {...common} type="checkbox" options={organizations.map((o) => ({ value: o.id, label: o.name }))} checked={many(values[field.name])} />
      ) : null;
    case 'date':
      return <TextField {...common} type="date" value={one(values[field.name])} width="medium" />;
    case 'instant':
      return <TextField {...common} type="datetime-local" value={one(values[field.name])} width="medium" />;
    case 'number':
      return <TextField {...common} type="number" inputmode="numeric" value={one(values[field.name])} width="short" />;
    case 'url':
      return <TextField {...common} type="url" value={one(values[field.name])} />;
    case 'countries':
      return <CountryPicker {...common} chosen={resolveCountries(many(values[field.name])).codes} />;
    case 'codes':
      return <TextField {...common} value={one(values[field.name])} width="medium" autocomplete="off" />;
    case 'geojson':
      return (
        <>
          <PlaceEditor countriesText={many(values.countries).join(', ')} areasText={one(values[field.name]) ?? ''} target={fieldId(field.name)} />
          <TextArea {...common} value={one(values[field.name])} rows={4} />
        </>
      );
    case 'area-levels':
      return <TextArea {...common} value={one(values[field.name])} rows={3} />;
    default:
      return <TextField {...common} value={one(values[field.name])} />;
  }
}

/**
 * The compose and edit form for any kind, driven by `fieldsOf(kind)`. It
 * posts back to the server: "Preview" re-renders it with the Markdown
 * rendered as it will be published, "Save draft" saves. No JavaScript needed.
 */
export function PublicationForm({ kind, action, values, errors, organizations, amending, rev, submitLabel }: PublicationFormProps) {
  const fields = fieldsOf(kind);
  const labels = Object.fromEntries([...fields.map((f) => [f.name, f.label]), ['changeNote', 'Change note'], ['major', 'Kind of change']]);
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      <form method="post" action={action} class="stack publication-form" novalidate>
        <CsrfField />
        <input type="hidden" name="kind" value={kind} />
        {rev !== undefined ? <input type="hidden" name="rev" value={String(rev)} /> : null}
        <p class="meta">{`Kind: ${KIND_LABELS[kind]}. Fields not marked optional are required.`}</p>
        {fields.map((field) => (
          <Field field={field} values={values} errors={errors} organizations={organizations} />
        ))}
        {amending ? (
          <>
            <TextArea name="changeNote" label="Change note" required value={one(values.changeNote)} errors={errors.changeNote} hint="What changed, in a sentence readers will see in the history." rows={2} />
            <ChoiceGroup
              name="major"
              label="Kind of change"
              required
              type="radio"
              errors={errors.major}
              checked={many(values.major)}
              options={[
                { value: 'true', label: 'Major – alert subscribers again' },
                { value: 'false', label: 'Minor – a correction; no alert' },
              ]}
            />
          </>
        ) : null}
        <div class="button-row">
          <button type="submit" name="intent" value="save" class="button">
            {submitLabel}
          </button>
          <button type="submit" name="intent" value="preview" class="button secondary">
            Preview
          </button>
        </div>
      </form>
    </>
  );
}
