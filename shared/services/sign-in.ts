import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod';
import type { Person } from '../domain/person';
import { SESSION_TTL_SECONDS, SIGN_IN_LINK_TTL_SECONDS, hasExpired, type Session, type SignInGrant } from '../domain/session';
import { parseOrThrow } from '../domain/validation';
import type { SessionStore } from '../ports/session-store';
import type { ServiceDeps } from './deps';
import { spendSignInAllowance } from './sign-in-limits';

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
 * and does nothing otherwise. The caller shows the same answer either way
 * (and the route answers no sooner than its fixed minimum time), so the
 * form does not reveal who has an account. Requests are limited per client
 * network and per address (sign-in-limits.ts); a request over a limit sends
 * nothing and is answered like any other.
 *
 * The link carries a token signed by `deps.links` (purpose `sign-in`,
 * 15 minutes) around a random nonce; the nonce's hash is recorded so the
 * link works once. The link opens a page whose button signs in (a POST), so
 * a mail scanner that follows it signs nobody in and burns nothing.
 */
export async function requestSignIn(deps: SignInDeps, clientAddress: string, input: unknown): Promise<void> {
  const { email, next } = parseOrThrow(SignInRequestSchema, input);
  if (!(await spendSignInAllowance(deps, clientAddress, email))) return;
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

/**
 * The person a sign-in link's token names, reading its grant with `read`
 * (peek or take); undefined for a forged, wrong-purpose, expired or used link.
 */
async function personOfLink(deps: SignInDeps, token: string, read: (nonceHash: string) => Promise<SignInGrant | undefined>): Promise<Person | undefined> {
  const now = deps.clock.now();
  const nonce = deps.links.verify(SIGN_IN_PURPOSE, token, now);
  if (!nonce) return undefined;
  const grant = await read(secretHash(nonce));
  if (!grant || hasExpired(grant, now)) return undefined;
  return deps.directory.getPerson(grant.personId);
}

/**
 * Who a sign-in link would sign in, without using it: the page the link
 * opens names the account, so nobody is signed in to an account that is
 * not theirs without seeing it (login CSRF). Undefined when the link would
 * not work.
 */
export async function previewSignIn(deps: SignInDeps, token: string): Promise<{ personId: string; name: string; email: string } | undefined> {
  const person = await personOfLink(deps, token, (hash) => deps.sessions.peekGrant(hash));
  return person ? { personId: person.id, name: person.name, email: person.email } : undefined;
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
  const person = await personOfLink(deps, token, (hash) => deps.sessions.takeGrant(hash));
  if (!person) return undefined;
  const now = deps.clock.now();
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
