import type { z } from 'zod';
import { ValidationError, type FieldIssue } from '../errors';

/** Turns zod issues into field issues whose paths name the input's fields (`countries.0`). */
function fieldIssues(error: z.ZodError): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: base ? `${base}.${key}` : key, message: 'is not a field this accepts' });
      continue;
    }
    if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') {
      // zod reports the discriminator's own path; name it once.
      out.push({ path: base.endsWith('kind') ? base : base ? `${base}.kind` : 'kind', message: 'must be one of the content kinds' });
      continue;
    }
    out.push({ path: base || '(body)', message: issue.message });
  }
  return out;
}

/** Parses `input` or throws a ValidationError naming each failing field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldIssues(result.error));
  return result.data;
}
