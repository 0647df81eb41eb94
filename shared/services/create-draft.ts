import { createHead, type Actor } from '../domain/lifecycle';
import { PublicationContentSchema, type PublicationContent } from '../domain/publication-content';
import type { PublicationHead } from '../domain/publication';
import { parseOrThrow } from '../domain/validation';
import { assertPlacesLazily } from '../geo/assert-places';
import { ForbiddenError } from '../errors';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';
import { assertRecipientsExist } from './assert-recipients';

/** Everything creating a draft checks, without saving: the console's preview runs exactly this. */
export async function checkDraft(deps: ServiceDeps, actor: ActingPerson, input: unknown): Promise<PublicationContent> {
  assertPublisher(actor);
  const content = parseOrThrow(PublicationContentSchema, input);
  await assertPlacesLazily(content);
  await assertRecipientsExist(deps, content.recipients);
  return content;
}

/** Creates a draft publication from a publisher's input. */
export async function createDraft(deps: ServiceDeps, actor: ActingPerson, input: unknown): Promise<PublicationHead> {
  const content = await checkDraft(deps, actor, input);
  const now = deps.clock.now();
  const head = createHead(deps.ids.next(), content, actor, now);
  await deps.publications.create(head, [auditEntry(deps, now, actor, 'publication.created', { type: 'publication', id: head.id }, { kind: head.kind })]);
  return head;
}

function assertPublisher(actor: Actor): void {
  if (actor.role !== 'publisher') throw new ForbiddenError('Only publishers may write publications.');
}
