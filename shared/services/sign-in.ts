import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod';
import { SESSION_TTL_SECONDS, SIGN_IN_LINK_TTL_SECONDS, hasExpired, type Session } from '../domain/session';
import { parseOrThrow } from '../domain/validation';
import type { SessionStore } from '../ports/session-store';
import type { ServiceDeps } from './deps';

/** The link purpose inside the signed token, so no other kind of link can sign anyone in. */
const SIGN_IN_PURPOSE = 'sign-in';

export type SignInDeps = ServiceDeps & { sessions: SessionStore };

/** SHA-256 (hex): what the store keeps instead of a bearer secret. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

const addSeconds = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/** Where to go after signing in: a path on this site only, never another origin. */
export const NextPathSchema = z.string().max(200).regex(/^\/(?!\/)[A-Za-z0-9/_\-?=&.%]*$/, 'must be a path on this site');

const SignInRequestSchema = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email('must be an email address, like name@example.com').max(254)),
    next: NextPathSchema.optional(),
  })
  .strict();

/**
 * Sends a one-time sign-in link to `email` if it belongs to a known person,
 * and does nothing otherwise. The caller shows the same answer either way,
 * so the form does not reveal who has an account.
 *
 * The link carries a token signed by `deps.links` (purpose `sign-in`,
 * 15 minutes) around a random nonce; the nonce's hash is recorded so the
 * link works once.
 */
export async function requestSignIn(deps: SignInDeps, input: unknown): Promise<void> {
  const { email, next } = parseOrThrow(SignInRequestSchema, input);
  const person = await deps.directory.findPersonByEmail(email);
  if (!person) return;
  const now = deps.clock.now();
  const expiresAt = addSeconds(now, SIGN_IN_LINK_TTL_SECONDS);
  const nonce = randomBytes(32).toString('base64url');
  await deps.sessions.putGrant({ nonceHash: secretHash(nonce), personId: person.id, createdAt: now, expiresAt });
  const token = deps.links.sign(SIGN_IN_PURPOSE, nonce, expiresAt);
  const url = `${deps.baseUrl}/sign-in/callback?token=${encodeURIComponent(token)}${next ? `&next=${encodeURIComponent(next)}` : ''}`;
  const text = [
    `Hello ${person.name},`,
    '',
    'Use this link to sign in to Outpost. It works once, for 15 minutes:',
    '',
    url,
    '',
    'If you did not ask to sign in, ignore this message; nobody can sign in without the link.',
  ].join('\n');
  await deps.email.sendEmail({ to: person.email, subject: 'Your Outpost sign-in link', text });
}

/** A new session: the cookie carries `sessionId`; the store keeps only its hash. */
export interface StartedSession {
  sessionId: string;
  session: Session;
}

/**
 * Exchanges a sign-in link's token for a session. Undefined when the token
 * is forged, for another purpose, expired, already used, or its person no
 * longer exists; callers say only that the link did not work.
 */
export async function completeSignIn(deps: SignInDeps, token: string): Promise<StartedSession | undefined> {
  const now = deps.clock.now();
  const nonce = deps.links.verify(SIGN_IN_PURPOSE, token, now);
  if (!nonce) return undefined;
  const grant = await deps.sessions.takeGrant(secretHash(nonce));
  if (!grant || hasExpired(grant, now)) return undefined;
  const person = await deps.directory.getPerson(grant.personId);
  if (!person) return undefined;
  const sessionId = randomBytes(32).toString('base64url');
  const session: Session = {
    idHash: secretHash(sessionId),
    personId: person.id,
    orgId: person.orgId,
    role: person.role,
    csrfToken: randomBytes(32).toString('base64url'),
    createdAt: now,
    expiresAt: addSeconds(now, SESSION_TTL_SECONDS),
  };
  await deps.sessions.putSession(session);
  return { sessionId, session };
}
