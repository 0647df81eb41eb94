import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../functions/api/env';
import { AppError } from '../../shared/errors';
import type { Logger } from '../../shared/ports/logger';
import { Layout } from '../components/layout';
import { NotFoundPage } from './not-found';
import { sendPage, type PageStatus } from './respond';

/** A short page for a request a browser made that could not be served. */
export function ErrorPage({ title, message, signIn }: { title: string; message: string; signIn?: string | undefined }) {
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      {signIn ? (
        <p>
          <a href={`/sign-in?next=${encodeURIComponent(signIn)}`}>Sign in</a> to continue.
        </p>
      ) : (
        <p>
          Go to the <a href="/">home page</a>.
        </p>
      )}
    </Layout>
  );
}

/** The HTML 404 for any page path without a route. */
export function pageNotFoundResponse(c: Context<AppEnv>): Promise<Response> {
  return sendPage(c, <NotFoundPage what="that page" />, { status: 404 });
}

/**
 * Errors on page paths become HTML pages with the same status the API
 * would use; messages come from AppError only, and a 500 says nothing of
 * its cause (which is logged).
 */
export async function pageErrorResponse(error: unknown, c: Context<AppEnv>, logger: Logger): Promise<Response> {
  let status: PageStatus = 500;
  let title = 'Something went wrong';
  let message = 'Something went wrong on our side. Please try again in a moment.';
  if (error instanceof AppError || error instanceof HTTPException) {
    const known: Partial<Record<number, [PageStatus, string]>> = {
      400: [400, 'Bad request'],
      401: [401, 'Sign in needed'],
      403: [403, 'Not allowed'],
      404: [404, 'Page not found'],
      409: [409, 'That cannot be done now'],
      412: [412, 'Changed since you opened it'],
      413: [400, 'Too large'],
      415: [400, 'Bad request'],
      422: [422, 'Check your input'],
      429: [400, 'Too many requests'],
    };
    const entry = known[error.status];
    if (entry) {
      [status, title] = entry;
      message =
        error instanceof AppError ? error.message : status === 403 ? 'This form did not come from an Outpost page. Go back, reload the page and try again.' : error.message || title;
    }
  }
  if (status === 500) {
    logger.error('unhandled page error', { method: c.req.method, route: c.req.routePath, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
  if (status === 401) message = 'You need to sign in to see this page.';
  c.header('cache-control', 'no-store');
  return sendPage(c, <ErrorPage title={title} message={message} signIn={status === 401 && c.req.method === 'GET' ? c.req.path : undefined} />, { status });
}
