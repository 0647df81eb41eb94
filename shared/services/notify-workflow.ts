import type { PublicationHead } from '../domain/publication';
import type { Person } from '../domain/person';
import { KIND_LABELS } from '../domain/publication-kind';
import type { ServiceDeps } from './deps';

/** A workflow step that someone else must hear about. */
export type WorkflowEvent = { type: 'submitted'; by: string } | { type: 'returned'; by: string; comment: string } | { type: 'approved'; by: string };

const titleOf = (head: PublicationHead) => (head.working ?? head.current)?.content.title ?? '(untitled)';

/**
 * Who needs to act on a step: a submission goes to the organization's
 * other publishers (the ones who may approve it: not its writers); a return
 * or an approval goes back to whoever wrote the changes, but not to the
 * person who took the step.
 */
function recipientsOf(head: PublicationHead, event: WorkflowEvent, people: readonly Person[]): Person[] {
  const writers = new Set(head.working?.editors ?? [head.createdBy]);
  const publishers = people.filter((p) => p.role === 'publisher' && p.id !== event.by);
  return event.type === 'submitted' ? publishers.filter((p) => !writers.has(p.id)) : publishers.filter((p) => writers.has(p.id));
}

function message(head: PublicationHead, event: WorkflowEvent, actorName: string, link: string): { subject: string; text: string } {
  const what = `${KIND_LABELS[head.kind].toLowerCase()} “${titleOf(head)}”`;
  switch (event.type) {
    case 'submitted':
      return { subject: `Review needed: ${titleOf(head)}`, text: `${actorName} submitted the ${what} for approval.\n\nReview it: ${link}\n` };
    case 'returned':
      return { subject: `Returned to you: ${titleOf(head)}`, text: `${actorName} returned the ${what} to you with this comment:\n\n${event.comment}\n\nOpen it: ${link}\n` };
    case 'approved':
      return { subject: `Approved: ${titleOf(head)}`, text: `${actorName} approved the ${what}. It can now be published.\n\nOpen it: ${link}\n` };
  }
}

/**
 * Emails the people a workflow step is waiting on, with a link to the
 * console's review page. The step is already saved: a message that cannot
 * be sent does not undo it, so failures are swallowed here (the console
 * lists what waits for review either way).
 */
export async function notifyWorkflow(deps: Pick<ServiceDeps, 'directory' | 'email' | 'baseUrl'>, head: PublicationHead, event: WorkflowEvent): Promise<void> {
  try {
    const people = await deps.directory.listPeople(head.orgId);
    const actorName = people.find((p) => p.id === event.by)?.name ?? 'Another publisher';
    const link = `${deps.baseUrl}/console/publications/${head.id}`;
    const { subject, text } = message(head, event, actorName, link);
    await Promise.allSettled(recipientsOf(head, event, people).map((p) => deps.email.sendEmail({ to: p.email, subject, text })));
  } catch {
    // Reading the directory failed: the step stands, and the console still shows it.
  }
}
