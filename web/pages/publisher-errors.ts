import { unknownCountryMessage } from '../components/country-picker';
import type { FieldIssue } from '../../shared/errors';

/**
 * Validation issues in a publisher's words. The content schemas speak to
 * API clients ("must be an ISO 8601 date-time…", zod's "Too small: expected
 * array to have >=1 items"); the console's forms name the value the
 * publisher typed and what to do instead ("Country 'Atlantis' — choose it from the list",
 * "the event ends before it starts"). Each message follows the field's
 * label in the error summary ("Countries: …").
 */

/** The form's own words for a nested path's parts: `actions.2` → "line 3", `sections.1.heading` → "section 2, heading". */
const PART_NAMES: Record<string, string> = { actions: 'line', places: 'line', aliases: 'line', areasOfOperation: 'line', topics: 'line', sections: 'section', assistance: 'contact' };

const quoted = (value: unknown) => `“${typeof value === 'string' ? value : JSON.stringify(value)}”`;

type Rule = [RegExp, (value: unknown, m: RegExpExecArray) => string];

const RULES: Rule[] = [
  [/^is not a known ISO 3166-1|^must be an ISO 3166-1 alpha-2/, (v) => unknownCountryMessage(String(v))],
  [/^must name at least one country/, () => 'choose at least one country'],
  [/^a travel advisory names exactly one country/, () => 'a travel advisory is for one country only'],
  [/^a travel advisory is public/, () => 'a travel advisory is public: choose TLP:CLEAR'],
  [/^names organizations only for TLP:AMBER/, () => 'name organizations only when sharing is TLP:AMBER'],
  [/^must not be empty|^Invalid input: expected \w+, received undefined/, () => 'this is required'],
  [/^must not be before eventStart/, () => 'the event ends before it starts'],
  [/^must be an ISO 8601 date-time/, (v) => `${quoted(v)} is not a date and time`],
  [/^must be a date as YYYY-MM-DD/, (v) => `${quoted(v)} is not a date`],
  [/^must be an http\(s\) URL/, (v) => `${quoted(v)} is not a web address (it should start with https://)`],
  [/^Invalid email/i, (v) => `${quoted(v)} is not an email address`],
  [/^must list at least one action/, () => 'list at least one action to take, one per line'],
  [/^must have at least one section/, () => 'add at least one section, starting with a line “## Heading”'],
  [/^must not repeat an entry/, () => 'an entry appears twice'],
  [/^must be at most (\d+) characters/, (_v, m) => `this is too long: at most ${m[1]} characters`],
  [/^must have at most (\d+) entries/, (_v, m) => `too many: at most ${m[1]}`],
  [/^Invalid input: expected number/, (v) => `${quoted(v)} is not a number`],
  [/^Invalid input: expected int/, (v) => `${quoted(v)} is not a whole number`],
  [/^Too small: expected number to be >=?(\d+)/, (v, m) => `${quoted(v)} is too small: the least is ${m[1]}`],
  [/^Too big: expected number to be <=?(\d+)/, (v, m) => `${quoted(v)} is too large: the most is ${m[1]}`],
  [/^Too small: expected array to have >=?(\d+)/, (_v, m) => `choose at least ${m[1]}`],
  [/^Invalid option|^Invalid input/, (v) => `${quoted(v)} is not one of the choices`],
  [/^is required to amend a published publication: true alerts/, () => 'choose whether subscribers are alerted again'],
  [/^is required to amend a published publication/, () => 'say what changed, in a sentence readers will see'],
  [/^is not after the publish time/, () => 'the end time is not after the publish time'],
];

function valueAt(content: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = content;
  for (const part of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

/** Rewrites issues about posted content (`content` as the form built it) into plain words, keeping their field. */
export function publisherIssues(issues: readonly FieldIssue[], content: Record<string, unknown>): FieldIssue[] {
  const plain = issues.map((issue) => {
    const parts = issue.path.split('.');
    const [field = '', index, ...rest] = parts;
    const value = valueAt(content, parts);
    const rule = RULES.map(([re, say]) => [re.exec(issue.message), say] as const).find(([m]) => m);
    const message = rule ? rule[1](value, rule[0]!) : issue.message;
    // A country is named by its value; other list entries by their place in the list.
    const where = index !== undefined && /^\d+$/.test(index) && field !== 'countries' ? `${PART_NAMES[field] ?? 'entry'} ${Number(index) + 1}${rest.length ? `, ${rest.join(' ')}` : ''}: ` : '';
    return { path: field, message: `${where}${message}` };
  });
  // One value can fail two checks that say the same thing in these words (a country name is neither a code nor known).
  return plain.filter((issue, i) => plain.findIndex((o) => o.path === issue.path && o.message === issue.message) === i);
}
