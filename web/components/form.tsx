import type { Child } from 'hono/jsx';
import type { FieldIssue } from '../../shared/errors';

/**
 * Accessible form building blocks: every control has a visible label, its
 * hint and error are tied to it with aria-describedby, and a form with
 * errors starts with a summary linking to each field (the GOV.UK pattern).
 */

/** Errors by field name: the first segment of each issue's path (`sections.1.heading` → `sections`). */
export type FieldErrors = Record<string, string[]>;

export function groupIssues(issues: readonly FieldIssue[], known: ReadonlySet<string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const head = issue.path.split('.')[0] ?? '';
    const detail = issue.path.includes('.') ? ` (${issue.path.split('.').slice(1).join(' › ')})` : '';
    const field = known.has(head) ? head : '_form';
    (errors[field] ??= []).push(`${field === '_form' && head && head !== '(body)' ? `${head}: ` : ''}${issue.message}${field === '_form' ? '' : detail}`);
  }
  return errors;
}

/** An issue on a text field, with the value as typed quoted first: "'bob@' must be an email address, …". */
export function quotingValue(issue: FieldIssue, value: string | string[] | undefined): FieldIssue {
  const typed = (Array.isArray(value) ? value[0] : value)?.trim();
  return typed ? { ...issue, message: `'${typed.slice(0, 80)}' ${issue.message}` } : issue;
}

export function fieldId(name: string): string {
  return `f-${name}`;
}

/** The list of problems at the top of a form, each linking to its field. */
export function ErrorSummary({ errors, labels }: { errors: FieldErrors; labels: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    // autofocus: focus moves to the summary when the page loads, with or without JavaScript (the GOV.UK pattern).
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} id="error-summary" autofocus>
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {entries.flatMap(([name, messages]) =>
          messages.map((m) => <li>{name === '_form' ? m : <a href={`#${fieldId(name)}`}>{`${labels[name] ?? name}: ${m}`}</a>}</li>),
        )}
      </ul>
    </div>
  );
}

/** A problem that belongs to no one field (a refused step, a bad filter), where the field summary would stand. */
export function PageErrorSummary({ message }: { message: string }) {
  return (
    <div class="error-summary" role="alert" tabindex={-1} id="error-summary" autofocus>
      <h2>There is a problem</h2>
      <p>{message}</p>
    </div>
  );
}

interface FieldShell {
  name: string;
  label: string;
  hint?: string | undefined;
  errors?: string[] | undefined;
  required?: boolean | undefined;
}

function describedBy(name: string, hint?: string, errors?: string[]): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : '', errors?.length ? `${fieldId(name)}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function HintAndError({ name, hint, errors }: { name: string; hint?: string | undefined; errors?: string[] | undefined }) {
  return (
    <>
      {hint ? (
        <p class="hint" id={`${fieldId(name)}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p class="field-error" id={`${fieldId(name)}-error`}>
          <span class="visually-hidden">Error: </span>
          {errors.join(' ')}
        </p>
      ) : null}
    </>
  );
}

/** The label, hint and error every single-control field shows around its control. */
function FieldFrame({ name, label, hint, errors, required, children }: FieldShell & { children: Child }) {
  return (
    <div class={errors?.length ? 'field has-error' : 'field'}>
      <label for={fieldId(name)}>
        {label}
        {required ? null : <span class="optional"> (optional)</span>}
      </label>
      <HintAndError name={name} hint={hint} errors={errors} />
      {children}
    </div>
  );
}

/** A labelled text-like input (`text`, `email`, `tel`, `url`, `date`, `datetime-local`, `number`). */
export function TextField({
  name,
  label,
  hint,
  errors,
  required,
  value,
  type = 'text',
  autocomplete,
  inputmode,
  width,
}: FieldShell & { value?: string | undefined; type?: string; autocomplete?: string; inputmode?: 'numeric' | 'decimal' | 'email' | 'tel' | 'url'; width?: 'short' | 'medium' }) {
  return (
    <FieldFrame name={name} label={label} hint={hint} errors={errors} required={required}>
      <input
        id={fieldId(name)}
        name={name}
        type={type}
        value={value ?? ''}
        class={width ? `input-${width}` : undefined}
        required={required}
        autocomplete={autocomplete}
        inputmode={inputmode}
        aria-describedby={describedBy(name, hint, errors)}
        aria-invalid={errors?.length ? 'true' : undefined}
      />
    </FieldFrame>
  );
}

/** A labelled multi-line input. */
export function TextArea({ name, label, hint, errors, required, value, rows = 4 }: FieldShell & { value?: string | undefined; rows?: number }) {
  return (
    <FieldFrame name={name} label={label} hint={hint} errors={errors} required={required}>
      <textarea
        id={fieldId(name)}
        name={name}
        rows={rows}
        required={required}
        aria-describedby={describedBy(name, hint, errors)}
        aria-invalid={errors?.length ? 'true' : undefined}
      >
        {value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

/** A labelled select. */
export function SelectField({ name, label, hint, errors, required, value, options }: FieldShell & { value?: string | undefined; options: readonly { value: string; label: string }[] }) {
  return (
    <FieldFrame name={name} label={label} hint={hint} errors={errors} required={required}>
      <select id={fieldId(name)} name={name} required={required} aria-describedby={describedBy(name, hint, errors)} aria-invalid={errors?.length ? 'true' : undefined}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A fieldset of checkboxes or radios sharing one name; the legend labels the group, each box has its own label. */
export function ChoiceGroup({
  name,
  label,
  hint,
  errors,
  type,
  options,
  checked,
  required,
  inline,
}: FieldShell & { type: 'checkbox' | 'radio'; options: readonly { value: string; label: Child }[]; checked: readonly string[]; inline?: boolean }) {
  return (
    <fieldset class={errors?.length ? 'field choices has-error' : 'field choices'} id={fieldId(name)} aria-describedby={describedBy(name, hint, errors)}>
      <legend>
        {label}
        {required ? null : <span class="optional"> (optional)</span>}
      </legend>
      <HintAndError name={name} hint={hint} errors={errors} />
      <div class={inline ? 'choice-list inline' : 'choice-list'}>
        {options.map((o) => {
          const id = `${fieldId(name)}-${o.value.replace(/[^A-Za-z0-9_-]/g, '_')}`;
          return (
            <div class="choice">
              <input type={type} id={id} name={name} value={o.value} checked={checked.includes(o.value)} />
              <label for={id}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
