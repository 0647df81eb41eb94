import { createHash } from 'node:crypto';
import * as z from 'zod';
import { decodeCursorValue, encodeCursorValue } from '../../domain/opaque-cursor';
import { BadCursorError } from '../../errors';

/**
 * Opaque pagination cursors: the sort key to continue below, bound to the
 * query that produced it. Anything that does not decode to exactly that is
 * a 400, never a 500.
 */
const CursorSchema = z.object({ v: z.literal(1), k: z.string().min(1).max(512), q: z.string().length(16) }).strict();

export function queryFingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export function encodeCursor(sortKey: string, fingerprint: string): string {
  return encodeCursorValue({ v: 1, k: sortKey, q: fingerprint });
}

export function decodeCursor(cursor: string, fingerprint: string): string {
  const { k, q } = decodeCursorValue(cursor, CursorSchema);
  if (q !== fingerprint) throw new BadCursorError();
  return k;
}
