import type { Session, SignInGrant } from '../domain/session';

/**
 * One-time sign-in grants and browser sessions. Items carry a TTL so the
 * table forgets them; readers still check `expiresAt`, as TTL deletion lags.
 */
export interface SessionStore {
  putGrant(grant: SignInGrant): Promise<void>;
  /** Reads a grant without using it; undefined when used or never issued. */
  peekGrant(nonceHash: string): Promise<SignInGrant | undefined>;
  /** Removes and returns the grant in one step, so a link works at most once; undefined when already used or never issued. */
  takeGrant(nonceHash: string): Promise<SignInGrant | undefined>;
  putSession(session: Session): Promise<void>;
  getSession(idHash: string): Promise<Session | undefined>;
  deleteSession(idHash: string): Promise<void>;
}
