import { createHash } from 'node:crypto';

/** A validator for a computed representation: a hash of its JSON. */
export function contentEtag(value: unknown): string {
  return `W/"${createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22)}"`;
}
