import * as z from 'zod';
import { publish } from '../domain/lifecycle';
import { InstantSchema } from '../domain/publication-content';
import type { PublicationHead } from '../domain/publication';
import { parseOrThrow } from '../domain/validation';
import { type ActingPerson, type ServiceDeps } from './deps';
import { loadOwnedPublication } from './load-owned-publication';
import { saveRelease } from './save-release';

/** The optional body of POST …/publish: a future `publishAt` schedules instead of publishing now. */
export const PublishRequestSchema = z.object({ publishAt: InstantSchema.optional() }).strict();

/** Publishes the working copy as the next version, or schedules it. */
export async function publishPublication(deps: ServiceDeps, actor: ActingPerson, id: string, request: unknown, expectedRev?: number): Promise<PublicationHead> {
  const { publishAt } = parseOrThrow(PublishRequestSchema, request ?? {});
  const head = await loadOwnedPublication(deps, actor, id, expectedRev);
  const now = deps.clock.now();
  const outcome = publish(head, actor, now, publishAt);
  await saveRelease(deps, head, outcome, actor, now);
  return outcome.head;
}
