/**
 * Signed, single-purpose, expiring tokens for links sent in messages
 * (confirm a subscription, unsubscribe, export or erase personal data, sign in).
 */
export interface LinkSigner {
  /** A URL-safe token binding `subject` to `purpose` until `expiresAt` (ISO instant). */
  sign(purpose: string, subject: string, expiresAt: string): string;
  /** The subject, if the token is genuine, for this purpose, and not expired at `now`; otherwise undefined. */
  verify(purpose: string, token: string, now: string): string | undefined;
}
