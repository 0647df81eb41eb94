import type { z } from 'zod';
import { BadCursorError } from '../errors';

/**
 * Opaque pagination cursors: JSON in base64url. Anything that does not
 * decode to exactly the schema is a 400 (BadCursorError), never a 500.
 */
export function encodeCursorValue(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursorValue<S extends z.ZodType>(cursor: string, schema: S): z.infer<S> {
  if (cursor.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new BadCursorError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError();
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new BadCursorError();
  return result.data;
}
