import * as z from 'zod';
import { applyEdit, assertNotEnded } from '../domain/lifecycle';
import { CONTENT_FIELD_NAMES, PublicationContentSchema } from '../domain/publication-content';
import type { PublicationHead } from '../domain/publication';
import { parseOrThrow } from '../domain/validation';
import { prose } from '../domain/text';
import { assertPlacesLazily } from '../geo/assert-places';
import { ValidationError } from '../errors';
import { assertRecipientsExist } from './assert-recipients';
import { auditEntry, type ActingPerson, type ServiceDeps } from './deps';
import { loadOwnedPublication } from './load-owned-publication';

/** A PATCH body: any content fields, plus the amendment's note and weight. `null` clears an optional field. */
export const EditPublicationSchema = z
  .record(z.string(), z.unknown())
  .superRefine((body, ctx) => {
    for (const key of Object.keys(body)) {
      if (key !== 'changeNote' && key !== 'major' && !CONTENT_FIELD_NAMES.has(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is not a field this accepts' });
      }
    }
  });

const NoteSchema = z
  .object({
    changeNote: prose(1_000).optional(),
    major: z.boolean().optional(),
  })
  .loose();

/**
 * Everything an edit checks, without saving: the merged content validated
 * as a whole (so a PATCH cannot leave a publication invalid), its
 * recipients, and the workflow rules (an amendment's note and weight). The
 * console's preview runs exactly this, so it refuses what saving refuses.
 */
export async function prepareEdit(deps: ServiceDeps, actor: ActingPerson, id: string, patch: unknown, expectedRev?: number): Promise<{ head: PublicationHead; next: PublicationHead }> {
  const body = parseOrThrow(EditPublicationSchema, patch);
  const { changeNote, major } = parseOrThrow(NoteSchema, body);
  const head = await loadOwnedPublication(deps, actor, id, expectedRev);
  assertNotEnded(head, 'edit');
  const base = head.working?.content ?? head.current?.content;
  if (!base) throw new ValidationError([{ path: '(body)', message: 'the publication has no content to edit' }]);
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(body)) {
    if (key === 'changeNote' || key === 'major') continue;
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  const content = parseOrThrow(PublicationContentSchema, merged);
  await assertPlacesLazily(content);
  await assertRecipientsExist(deps, content.recipients);
  return { head, next: applyEdit(head, content, { changeNote, major }, actor, deps.clock.now()) };
}

/** Applies a partial update to the working copy (see `prepareEdit`). */
export async function editPublication(deps: ServiceDeps, actor: ActingPerson, id: string, patch: unknown, expectedRev: number): Promise<PublicationHead> {
  const { head, next } = await prepareEdit(deps, actor, id, patch, expectedRev);
  await deps.publications.save({
    head: next,
    expectedRev: head.rev,
    audit: [auditEntry(deps, next.updatedAt, actor, 'publication.edited', { type: 'publication', id }, { amendment: head.state === 'published' })],
  });
  return next;
}
