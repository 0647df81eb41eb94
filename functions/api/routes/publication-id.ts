import type { Context } from 'hono';
import * as z from 'zod';
import { NotFoundError } from '../../../shared/errors';
import type { AppEnv } from '../../http/env';
import type { RouteDocs } from '../../http/router';
import { PublicationSchema } from '../openapi/schemas';

/** A publication id: a ULID. */
export const IdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);

/** An id that cannot name a publication is simply not found. */
export function publicationId(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? '';
  if (!IdSchema.safeParse(id).success) throw new NotFoundError('Publication');
  return id;
}

export const IdParams = z.object({ id: IdSchema });

/** The documented response of a route answering with one publication and its ETag. */
export const headResponse = (status: 200 | 201, description: string): RouteDocs['responses'] => ({
  [status]: { description, content: { 'application/json': { schema: PublicationSchema } }, headers: { ETag: { description: 'The revision, for If-Match' } } },
});
