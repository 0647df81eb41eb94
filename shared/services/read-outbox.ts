import type { Outbox, OutboxRecord } from '../ports/messaging';

/**
 * The messages "sent" in local mode, newest first; undefined where there is
 * no outbox (in AWS, or locally with SMTP and no outbox wired).
 */
export function readOutbox(deps: { outbox?: Pick<Outbox, 'list'> | undefined }): OutboxRecord[] | undefined {
  return deps.outbox?.list();
}

/** One outbox message by id, if the outbox holds it. */
export function findOutboxRecord(deps: { outbox?: Pick<Outbox, 'list'> | undefined }, id: string): OutboxRecord | undefined {
  return readOutbox(deps)?.find((record) => record.id === id);
}
