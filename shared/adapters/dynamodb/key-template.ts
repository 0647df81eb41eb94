/**
 * Key templates: `PUB#{id}`, `V#{version:6}`, `EMAIL#{email:lower}`. A
 * placeholder is `{name}` or `{name:format}`; formats are a width (numbers
 * zero-padded to it, so they sort as text) or `lower`. The parameter names
 * are read from the template's type, so a key built with a missing or
 * misspelt parameter does not compile.
 *
 * @example
 * fill('V#{version:6}', { version: 3 }) // 'V#000003'
 */

type NameOf<P extends string> = P extends `${infer N}:${string}` ? N : P;

/** The placeholder names of a template, as a union of string literals. */
export type Placeholders<T extends string> = T extends `${string}{${infer P}}${infer Rest}` ? NameOf<P> | Placeholders<Rest> : never;

export type KeyValue = string | number;

/** The parameters a template needs. */
export type ParamsOf<T extends string> = { readonly [K in Placeholders<T>]: KeyValue };

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)(?::([a-z0-9]+))?\}/g;

function format(value: KeyValue, spec: string | undefined): string {
  if (spec === undefined) return String(value);
  if (spec === 'lower') return String(value).toLowerCase();
  const width = Number(spec);
  if (Number.isInteger(width) && width > 0) return String(value).padStart(width, '0');
  throw new Error(`Unknown key format "${spec}"`);
}

/** Builds a key from its template. Throws on a missing parameter (which the types already rule out). */
export function fill<T extends string>(template: T, params: ParamsOf<T>): string {
  const values = params as Readonly<Record<string, KeyValue | undefined>>;
  return template.replace(PLACEHOLDER, (_match, name: string, spec: string | undefined) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Key template ${template} needs "${name}"`);
    return format(value, spec);
  });
}

/** The literal text before a template's first placeholder: what `begins_with` queries a sort key by. */
export function literalPrefix(template: string): string {
  const at = template.indexOf('{');
  return at < 0 ? template : template.slice(0, at);
}
