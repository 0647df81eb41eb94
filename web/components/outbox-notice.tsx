/** Where the local outbox page lives (registered in local mode only). */
export const OUTBOX_PATH = '/dev/outbox';

/**
 * Local mode only: tells a newcomer that `what` (a sign-in link, a
 * confirmation message) lands in the outbox page rather than in anyone's inbox.
 */
export function LocalOutboxNotice({ what }: { what: string }) {
  return (
    <p class="notice">
      {`Local mode: ${what} is not sent anywhere; open it in the `}
      <a href={OUTBOX_PATH}>outbox</a>
      {` at ${OUTBOX_PATH}.`}
    </p>
  );
}
