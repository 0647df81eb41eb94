import type { Context } from 'hono';
import { MalformedRequestError, UnsupportedMediaTypeError } from '../../shared/errors';

/** Maximum nesting a JSON body may have; deeper input is refused before validation. */
const MAX_DEPTH = 32;

function depth(value: unknown, level = 0): number {
  if (level > MAX_DEPTH) return level;
  if (value === null || typeof value !== 'object') return level;
  let max = level;
  for (const v of Object.values(value)) max = Math.max(max, depth(v, level + 1));
  return max;
}

/**
 * Reads a JSON request body. An empty body is `undefined` when `optional`;
 * a body that is not JSON, not an object, or too deep is a clear 4xx.
 */
export async function readJson(c: Context, options: { optional?: boolean } = {}): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') {
    if (options.optional) return undefined;
    throw new MalformedRequestError('The request needs a JSON body.');
  }
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw new UnsupportedMediaTypeError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new MalformedRequestError(`The body is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new MalformedRequestError('The body must be a JSON object.');
  if (depth(parsed) > MAX_DEPTH) throw new MalformedRequestError(`The body is nested deeper than ${MAX_DEPTH} levels.`);
  return parsed;
}
