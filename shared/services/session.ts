import { hasExpired, type Session } from '../domain/session';
import type { Person } from '../domain/person';
import type { Viewer } from '../domain/sharing';
import { secretHash, type SignInDeps } from './sign-in';

/** A live session with the person it belongs to and the viewer it acts as. */
export interface ResolvedSession {
  session: Session;
  person: Person;
  viewer: Extract<Viewer, { kind: 'person' }>;
}

/**
 * Resolves a session id from a cookie. The person is read afresh, so a
 * removed person or a changed role takes effect on the next request; the
 * viewer is the same shape an API key resolves to (minus the key).
 */
export async function resolveSession(deps: SignInDeps, sessionId: string): Promise<ResolvedSession | undefined> {
  const session = await deps.sessions.getSession(secretHash(sessionId));
  if (!session || hasExpired(session, deps.clock.now())) return undefined;
  const person = await deps.directory.getPerson(session.personId);
  if (!person || person.orgId !== session.orgId) return undefined;
  return { session, person, viewer: { kind: 'person', personId: person.id, orgId: person.orgId, role: person.role } };
}

/** Ends a session (sign-out); ending one that is already gone is fine. */
export async function endSession(deps: SignInDeps, sessionId: string): Promise<void> {
  await deps.sessions.deleteSession(secretHash(sessionId));
}
