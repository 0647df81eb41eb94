import { PUBLIC } from '../../functions/http/access';
import { clientAddress } from '../../functions/http/client-address';
import { sessionCookies } from '../../functions/http/middleware/session';
import type { Router } from '../../functions/http/router';
import { uniformTiming } from '../../functions/http/uniform-timing';
import { ValidationError } from '../../shared/errors';
import { completeSignIn, NextPathSchema, previewSignIn, requestSignIn } from '../../shared/services/sign-in';
import { endSession } from '../../shared/services/session';
import { groupIssues } from '../components/form';
import { linkHeaders } from './link-pages';
import { sendPage } from './respond';
import { CheckEmailPage, SignInConfirmPage, SignInFailedPage, SignInPage } from './sign-in';

/** A `next` path that is safe to redirect to, or undefined. */
function safeNext(value: unknown): string | undefined {
  const parsed = NextPathSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function formString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/** Sign-in with a one-time email link, and sign-out. */
export function signInRoutes(router: Router): void {
  router.on('GET', '/sign-in', PUBLIC, (c) =>
    sendPage(c, <SignInPage next={safeNext(c.req.query('next'))} signedInAs={c.var.session?.name} local={c.var.deps.config.mode === 'local'} />),
  );

  // Known and unknown addresses, and requests over a limit, get the same page at the same time.
  router.on('POST', '/sign-in', PUBLIC, uniformTiming(async (c) => {
    const body = await c.req.parseBody();
    const email = formString(body, 'email');
    const next = safeNext(formString(body, 'next'));
    try {
      await requestSignIn(c.var.deps, clientAddress(c), { email, ...(next ? { next } : {}) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const local = c.var.deps.config.mode === 'local';
      return sendPage(c, <SignInPage email={email} next={next} errors={groupIssues(error.issues, new Set(['email']))} local={local} />, { status: 422 });
    }
    return sendPage(c, <CheckEmailPage local={c.var.deps.config.mode === 'local'} />);
  }));

  // The link in the email: GET only shows whose account it opens and a button; nothing is used or changed.
  router.on('GET', '/sign-in/callback', PUBLIC, async (c) => {
    linkHeaders(c);
    const token = c.req.query('token') ?? '';
    const account = token.length <= 2048 && token ? await previewSignIn(c.var.deps, token) : undefined;
    if (!account) return sendPage(c, <SignInFailedPage />, { status: 400 });
    const session = c.var.session;
    const signedInAs = session ? { name: session.name, same: session.record.personId === account.personId } : undefined;
    return sendPage(c, <SignInConfirmPage token={token} next={safeNext(c.req.query('next'))} account={account} signedInAs={signedInAs} />, { noStore: true });
  });

  // The button: a same-origin POST (and, with a session, its CSRF token), so another site cannot sign this browser in.
  router.on('POST', '/sign-in/callback', PUBLIC, async (c) => {
    linkHeaders(c);
    const body = await c.req.parseBody();
    const token = formString(body, 'token');
    const started = token && token.length <= 2048 ? await completeSignIn(c.var.deps, token) : undefined;
    if (!started) return sendPage(c, <SignInFailedPage />, { status: 400 });
    // A fresh id on every sign-in; the session this browser had before ends.
    if (c.var.session) await endSession(c.var.deps, c.var.session.id);
    await sessionCookies(c.var.deps.config).start(c, started.sessionId);
    const next = safeNext(formString(body, 'next')) ?? (started.session.role === 'publisher' ? '/console' : '/portal');
    return c.redirect(next, 303);
  });

  router.on('POST', '/sign-out', PUBLIC, async (c) => {
    if (c.var.session) await endSession(c.var.deps, c.var.session.id);
    sessionCookies(c.var.deps.config).clear(c);
    c.header('cache-control', 'no-store');
    return c.redirect('/', 303);
  });
}
