import { CsrfField } from '../components/account';
import { Layout } from '../components/layout';

/** The step before revoking an API key: what stops working, and the button that revokes it (posting `confirm=yes`). */
export function RevokeKeyConfirmPage({ keyId, name, prefix }: { keyId: string; name: string; prefix: string }) {
  return (
    <Layout title={`Revoke the key “${name}”?`} current="/portal">
      <p class="breadcrumb">
        <a href="/portal">Portal</a>
      </p>
      <h1>{`Revoke the key “${name}”?`}</h1>
      <div class="confirm-box">
        <p>
          Every program using the key starting <code>{prefix}</code> stops working at once: its requests fail with 401. A revoked key cannot be restored; you would create a new
          key and put it in each program.
        </p>
        <form method="post" action={`/portal/keys/${keyId}/revoke`} class="button-row">
          <CsrfField />
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit" class="button">
            Yes, revoke it
          </button>
          <a class="button secondary" href="/portal">
            Cancel
          </a>
        </form>
      </div>
    </Layout>
  );
}
