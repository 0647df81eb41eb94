import { createContext, useContext } from 'hono/jsx';
import type { Role } from '../../shared/domain/sharing';

/** The signed-in person a page is rendered for, from their session. */
export interface Account {
  name: string;
  role: Role;
  /** The session's CSRF token, carried by every form as a hidden field. */
  csrfToken: string;
}

/** Set by `sendPage` when the request came with a session, so every form and the header can reach it. */
export const AccountContext = createContext<Account | undefined>(undefined);

/** The role of the person a page is rendered for (by session or API key); undefined for anonymous visitors. */
export const ViewerRoleContext = createContext<Role | undefined>(undefined);

/** The session's CSRF token as a hidden field; nothing for a request without a session (API keys, anonymous forms). */
export function CsrfField() {
  const account = useContext(AccountContext);
  return account ? <input type="hidden" name="_csrf" value={account.csrfToken} /> : null;
}

/** Signed-in state in the site header: who, and a sign-out button (a POST form, so a link cannot sign anyone out). */
export function AccountBar() {
  const account = useContext(AccountContext);
  if (!account) {
    return (
      <p class="account">
        <a href="/sign-in">Sign in</a>
      </p>
    );
  }
  return (
    <form class="account" method="post" action="/sign-out">
      <span>{`Signed in as ${account.name}`}</span>
      <CsrfField />
      <button type="submit" class="link-button">
        Sign out
      </button>
    </form>
  );
}
