import { CHANNEL_NAMES, channelLabel, type Channel } from '../../shared/domain/channel';
import type { ChannelDeliveryStatus, DeliveryStatus } from '../../shared/services/deliver-status';
import { describeFanOut } from './delivery-words';

const count = (n: number) => n.toLocaleString('en-US');

function ChannelRow({ channel, status }: { channel: Channel; status: ChannelDeliveryStatus }) {
  const settled = status.sent + status.failed + status.deadLettered + status.held;
  return (
    <div class="progress-row" data-channel={channel} data-state={status.state}>
      <p class="progress-label">
        <strong>{channelLabel(channel)}</strong> <span>{describeFanOut(status)}</span>
      </p>
      {status.matched > 0 || status.state !== 'done' ? (
        <progress max={String(Math.max(1, status.matched))} value={String(settled)} aria-label={`${channelLabel(channel)} deliveries`}>
          {`${settled} of ${status.matched}`}
        </progress>
      ) : null}
    </div>
  );
}

/** The delivery section's own state: done once no channel of the newest version is still starting or sending. */
export function sectionState(status: DeliveryStatus): 'sending' | 'done' {
  const newest = status.versions[0];
  return newest && Object.values(newest.channels).some((c) => c.state === 'planning' || c.state === 'sending') ? 'sending' : 'done';
}

/**
 * Delivery status of a published item: the newest version's fan-out per
 * channel as a progress bar with plain words, then earlier versions as a
 * table. `pollUrl` makes it refresh itself in place while it is sending
 * (web/assets/page-scripts.ts), with no reload.
 */
export function DeliveryStatusSection({ status, pollUrl }: { status: DeliveryStatus; pollUrl: string }) {
  const [newest, ...earlier] = status.versions;
  const state = sectionState(status);
  const reached = newest ? CHANNEL_NAMES.filter((ch) => newest.channels[ch].state !== 'none') : [];
  return (
    <section aria-labelledby="delivery-title" id="delivery-status" data-delivery-poll={pollUrl} data-state={state}>
      <h2 id="delivery-title">Delivery status</h2>
      {!newest ? (
        <p>Nothing has been published yet.</p>
      ) : reached.length === 0 ? (
        <p>{`Version ${newest.version} was a minor change: it was not sent to subscribers.`}</p>
      ) : (
        <>
          <p class="meta" role="status">{`Version ${newest.version}: ${state === 'done' ? 'every delivery is settled.' : 'deliveries are going out; this updates by itself.'}`}</p>
          {reached.map((channel) => (
            <ChannelRow channel={channel} status={newest.channels[channel]} />
          ))}
        </>
      )}
      {earlier.length > 0 ? (
        <div class="table-scroll">
          <table>
            <caption>Earlier versions</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Channel</th>
                <th scope="col">Matched</th>
                <th scope="col">Sent</th>
                <th scope="col">Pending</th>
                <th scope="col">Failed</th>
                <th scope="col">Gave up</th>
              </tr>
            </thead>
            <tbody>
              {earlier.flatMap((v) =>
                CHANNEL_NAMES.filter((ch) => v.channels[ch].state !== 'none').map((ch) => {
                  const n = v.channels[ch];
                  return (
                    <tr>
                      <th scope="row">{String(v.version)}</th>
                      <td>{channelLabel(ch)}</td>
                      <td>{count(n.matched)}</td>
                      <td>{count(n.sent)}</td>
                      <td>{count(n.pending)}</td>
                      <td>{count(n.failed)}</td>
                      <td>{count(n.deadLettered)}</td>
                    </tr>
                  );
                }),
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
