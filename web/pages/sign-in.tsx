import { CsrfField } from '../components/account';
import { ErrorSummary, TextField, type FieldErrors } from '../components/form';
import { Layout } from '../components/layout';
import { LocalOutboxNotice } from '../components/outbox-notice';

/** The email form that asks for a one-time sign-in link. */
export function SignInPage({
  email,
  next,
  errors = {},
  signedInAs,
  local = false,
}: {
  email?: string;
  next?: string | undefined;
  errors?: FieldErrors;
  signedInAs?: string | undefined;
  /** Local mode: say where the link will arrive. */
  local?: boolean;
}) {
  return (
    <Layout title={Object.keys(errors).length ? 'Error: Sign in' : 'Sign in'}>
      <h1>Sign in</h1>
      {signedInAs ? (
        <p class="notice">{`You are already signed in as ${signedInAs}. Signing in again replaces that session.`}</p>
      ) : null}
      <p class="lead">Publishers and security managers of member organizations sign in with a one-time link sent to their work email address. There is no password.</p>
      {local ? <LocalOutboxNotice what="the sign-in link" /> : null}
      <ErrorSummary errors={errors} labels={{ email: 'Email address' }} />
      <form method="post" action="/sign-in" class="stack" novalidate>
        <CsrfField />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <TextField name="email" label="Email address" type="email" autocomplete="email" required value={email} errors={errors.email} hint="The address your organization registered with Outpost." />
        <button type="submit" class="button">
          Send me a sign-in link
        </button>
      </form>
      <p>
        Travellers and the public do not need an account: read the <a href="/">advisories</a> or <a href="/subscribe">subscribe to alerts</a>.
      </p>
    </Layout>
  );
}

/** The same answer whether or not the address is known, so the form reveals nothing about who has an account. */
export function CheckEmailPage({ local }: { local: boolean }) {
  return (
    <Layout title="Check your email">
      <h1>Check your email</h1>
      <p class="lead" role="status">
        If that address belongs to an Outpost account, we have sent it a sign-in link.
      </p>
      <p>The link works once, for 15 minutes. If nothing arrives within a few minutes, check your spam folder or <a href="/sign-in">ask for a new link</a>.</p>
      {local ? <LocalOutboxNotice what="the sign-in link" /> : null}
    </Layout>
  );
}

/** A link that is forged, expired or already used; the page does not say which. */
export function SignInFailedPage() {
  return (
    <Layout title="Sign-in link not valid">
      <h1>That sign-in link does not work</h1>
      <p>Sign-in links work once, for 15 minutes. This one has expired, has already been used, or was copied incompletely.</p>
      <p>
        <a href="/sign-in">Ask for a new link</a>.
      </p>
    </Layout>
  );
}

/**
 * What a sign-in link opens: the account it signs in to, and one button
 * (a POST), so a mail scanner that follows the link signs nobody in, and a
 * link someone else sent cannot sign this browser in to their account
 * unseen. An existing session of another person is named before it is
 * replaced.
 */
export function SignInConfirmPage({ token, next, account, signedInAs }: { token: string; next?: string | undefined; account: { name: string; email: string }; signedInAs?: { name: string; same: boolean } | undefined }) {
  return (
    <Layout title="Sign in to Outpost">
      <h1>Sign in to Outpost</h1>
      <p class="lead">{`This link signs you in as ${account.name} (${account.email}).`}</p>
      {signedInAs && !signedInAs.same ? (
        <p class="notice" role="alert">{`This browser is signed in as ${signedInAs.name}. Continuing signs ${signedInAs.name} out here. If you did not ask for this link, do not continue.`}</p>
      ) : null}
      <form method="post" action="/sign-in/callback">
        <CsrfField />
        <input type="hidden" name="token" value={token} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <button type="submit" class="button">
          {`Sign in as ${account.name}`}
        </button>
      </form>
      <p>If this is not your account, close this page: nothing happens until you press the button.</p>
    </Layout>
  );
}
