import type { Context, Handler } from 'hono';
import type { AppEnv } from './env';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Wraps the handler of a route whose work depends on whether an address is
 * known (a sign-in link is sent only to a person, personal-data links only
 * where something is held): its answer leaves no sooner than
 * `config.minAnswerMs` after the handler started, so the time it takes says
 * nothing about the address. Errors that do not depend on the address
 * (invalid input, the caller's own limit) are not held back.
 *
 * @example
 * router.on('POST', '/sign-in', PUBLIC, uniformTiming(async (c) => …));
 */
export function uniformTiming(handler: (c: Context<AppEnv>) => Promise<Response>): Handler<AppEnv> {
  return async (c) => {
    const started = performance.now();
    const response = await handler(c);
    const wait = c.var.deps.config.minAnswerMs - (performance.now() - started);
    if (wait > 0) await sleep(wait);
    return response;
  };
}
