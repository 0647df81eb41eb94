import type { MiddlewareHandler } from 'hono';
import { CorrelationIdSchema } from '../../../shared/domain/announcement';
import type { CorrelationScope } from '../../../shared/ports/correlation';
import type { AppEnv } from '../env';


/**
 * Runs each request in a correlation id and answers it in
 * `X-Correlation-Id`: the caller's own when it sent a valid one, else API
 * Gateway's request id, else a new id. Log lines of the request, the
 * version it publishes and every delivery of that version carry it.
 */
export function correlate(scope: CorrelationScope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = c.req.header('x-correlation-id');
    const gateway = (c.env as { requestContext?: { requestId?: unknown } } | undefined)?.requestContext?.requestId;
    const id = CorrelationIdSchema.safeParse(given).success ? given! : CorrelationIdSchema.safeParse(gateway).success ? (gateway as string) : c.var.deps.ids.next();
    await scope.run(id, next);
    c.res.headers.set('x-correlation-id', id);
  };
}
