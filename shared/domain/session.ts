import type { Role } from './sharing';

/**
 * People sign in with a one-time link sent to their email address, then
 * carry a session cookie. Both secrets are random; only their SHA-256
 * hashes are stored, so a copy of the table cannot be replayed as a login.
 */

/** How long a sign-in link works, and that it works once. */
export const SIGN_IN_LINK_TTL_SECONDS = 15 * 60;

/** A session lasts this long from sign-in, however active it is (absolute timeout). */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

/** A pending sign-in: the person a one-time link was sent to. */
export interface SignInGrant {
  /** SHA-256 (hex) of the random nonce inside the signed link token. */
  nonceHash: string;
  personId: string;
  createdAt: string;
  expiresAt: string;
}

/** A signed-in browser. */
export interface Session {
  /** SHA-256 (hex) of the random session id held in the signed cookie. */
  idHash: string;
  personId: string;
  orgId: string;
  role: Role;
  /** Synchronizer token every form posted with this session must carry. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/** Whether a grant or session has passed its end at `now`. */
export function hasExpired(item: { expiresAt: string }, now: string): boolean {
  return Date.parse(item.expiresAt) <= Date.parse(now);
}
