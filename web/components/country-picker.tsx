import { allCountries, findCountry } from '../../shared/domain/country';
import { countryDetails } from '../../shared/domain/country-details';
import { countryFromText, foldName } from '../../shared/domain/country-names';
import type { FieldIssue } from '../../shared/errors';
import { fieldId } from './form';

/**
 * Posted picker values: the codes of the countries they name; the texts
 * that name no one country; and both in the order posted (`posted`), for a
 * service to refuse the unknown ones along with anything else wrong.
 */
export function resolveCountries(values: readonly string[]): { codes: string[]; unknown: string[]; posted: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  const posted: string[] = [];
  for (const text of values.flatMap((v) => v.split(/[,;]/)).map((v) => v.trim()).filter(Boolean)) {
    const country = countryFromText(text);
    if (!country) {
      unknown.push(text);
      posted.push(text);
    } else if (!codes.includes(country.code)) {
      codes.push(country.code);
      posted.push(country.code);
    }
  }
  return { codes, unknown, posted };
}

/** The error for a text that names no country, in the words of the form: "Country 'Atlantis' — choose it from the list". */
export function unknownCountryMessage(text: string): string {
  return `Country '${text}' — choose it from the list`;
}

/** The errors of posted countries that name none, quoted in the form's words, in place of the schema's. */
export function countryIssues(issues: readonly FieldIssue[], unknown: readonly string[]): FieldIssue[] {
  if (unknown.length === 0) return [...issues];
  return [...unknown.map((text) => ({ path: 'countries', message: unknownCountryMessage(text) })), ...issues.filter((i) => i.path.split('.')[0] !== 'countries')];
}

/** Every name the combobox script matches an option by: code, alternatives and capitals, folded. */
const SEARCH_KEYS = new Map(
  allCountries().map((c) => {
    const details = countryDetails(c.code);
    return [c.code, [c.code, ...(details?.alternatives ?? []), ...(details?.capitals ?? [])].map(foldName).join('|')];
  }),
);

/**
 * One country picker for every form: the chosen countries listed, each with
 * a box to untick (remove), and a plain select to add one, with an "Add"
 * button that posts the form back so another can be added without
 * JavaScript. The `country-picker` page script turns the select into a
 * combobox that accepts names, alternative names, capitals and codes.
 */
export function CountryPicker({
  name,
  label,
  hint,
  errors,
  chosen,
  required = false,
}: {
  name: string;
  label: string;
  hint?: string | undefined;
  errors?: string[] | undefined;
  chosen: readonly string[];
  required?: boolean;
}) {
  const id = fieldId(name);
  const describedBy = [hint ? `${id}-hint` : '', errors?.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const countries = chosen.flatMap((code) => findCountry(code) ?? []);
  return (
    <fieldset class={errors?.length ? 'field country-picker has-error' : 'field country-picker'} data-country-picker={name} aria-describedby={describedBy}>
      <legend>
        {label}
        {required ? null : <span class="optional"> (optional)</span>}
      </legend>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">Error: </span>
          {errors.join(' ')}
        </p>
      ) : null}
      <ul class="chosen-countries" aria-label={`Chosen ${label.toLowerCase()}`} data-chosen>
        {countries.map((c) => (
          <li class="choice">
            <input type="checkbox" id={`${id}-chosen-${c.code}`} name={name} value={c.code} checked />
            <label for={`${id}-chosen-${c.code}`}>{c.name}</label>
          </li>
        ))}
      </ul>
      <div class="picker-add">
        <label for={id}>{countries.length ? 'Add another country' : 'Add a country'}</label>
        <select id={id} name={name} aria-describedby={describedBy} aria-invalid={errors?.length ? 'true' : undefined}>
          <option value="">Choose a country</option>
          {allCountries().map((c) => (
            <option value={c.code} data-names={SEARCH_KEYS.get(c.code)}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="submit" name="intent" value="add-country" class="button secondary small" formnovalidate data-picker-add>
          Add
        </button>
      </div>
    </fieldset>
  );
}
