import type { Context } from 'hono';
import type { AppEnv } from '../../functions/http/env';
import { describeError, errorLogText } from '../../functions/http/error-table';
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

/** What a person reads for each status; the status itself, its headers and the message come from the shared error table. */
const PAGE_TITLES: Partial<Record<number, string>> = {
  400: 'Bad request',
  401: 'Sign in needed',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'That cannot be done now',
  412: 'Changed since you opened it',
  413: 'Too large',
  415: 'Bad request',
  422: 'Check your input',
  428: 'Changed since you opened it',
  429: 'Too many requests',
  503: 'Busy right now',
};

/**
 * Errors on page paths become HTML pages with exactly the status and
 * headers the API would send (describeError); messages come from AppError
 * only, and a 500 says nothing of its cause (which is logged).
 */
export async function pageErrorResponse(error: unknown, c: Context<AppEnv>, logger: Logger): Promise<Response> {
  const described = describeError(error);
  const status = described.status as PageStatus;
  const title = PAGE_TITLES[described.status] ?? 'Something went wrong';
  let message = described.known ? described.detail : 'Something went wrong on our side. Please try again in a moment.';
  // Hono's CSRF origin check throws a bare 403: say what it means for a form.
  if (status === 403 && !(error instanceof AppError)) message = 'This form did not come from an Outpost page. Go back, reload the page and try again.';
  if (status === 401) message = 'You need to sign in to see this page.';
  if (described.log === 'warn') logger.warn('transient backend error', { method: c.req.method, route: c.req.routePath, error: error instanceof Error ? error.name : 'non-error' });
  if (described.log === 'error') logger.error('unhandled page error', { method: c.req.method, route: c.req.routePath, error: errorLogText(error) });
  for (const [name, value] of Object.entries(described.headers)) c.header(name, value);
  c.header('cache-control', 'no-store');
  return sendPage(c, <ErrorPage title={title} message={message} signIn={status === 401 && c.req.method === 'GET' ? c.req.path : undefined} />, { status });
}
