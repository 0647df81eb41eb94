import { CHANNELS } from '../../shared/domain/channel';
import { describeFilters } from '../../shared/domain/subscription';
import type { PersonalDataExport } from '../../shared/services/export-personal-data';
import { PERSONAL_DATA_HOURS } from '../../shared/services/subscription-links';
import { Time } from '../components/format';
import { Layout } from '../components/layout';

/** The two buttons of a personal-data link: see everything held, or erase it. Both are POSTs, so following the link changes and records nothing. */
function PersonalDataActions({ token, showExport }: { token: string; showExport: boolean }) {
  return (
    <div class="button-row">
      {showExport ? (
        <form method="post" action="/personal-data/export">
          <input type="hidden" name="token" value={token} />
          <button type="submit" class="button">
            Show everything you hold
          </button>
        </form>
      ) : null}
      <form method="post" action="/personal-data/erase">
        <input type="hidden" name="token" value={token} />
        <button type="submit" class="button secondary">
          Delete all of it for good
        </button>
      </form>
    </div>
  );
}

/** What a personal-data link opens: what the link is for, and its two buttons. */
export function PersonalDataPage({ token }: { token: string }) {
  return (
    <Layout title="Your personal data at Outpost">
      <h1>Your personal data at Outpost</h1>
      <p class="lead">{`This link lets whoever holds it see, or delete for good, every subscription Outpost holds for your address. It works for ${PERSONAL_DATA_HOURS} hours.`}</p>
      <PersonalDataActions token={token} showExport />
    </Layout>
  );
}

/** Everything held for the address, as the export API gives it, with the erase button beside it. */
export function PersonalDataExportPage({ data, token }: { data: PersonalDataExport; token: string }) {
  return (
    <Layout title="Everything Outpost holds for your address">
      <h1>Everything Outpost holds for your address</h1>
      <p class="lead">{`Address: ${data.address}`}</p>
      <table>
        <caption>{`${data.subscriptions.length} subscription${data.subscriptions.length === 1 ? '' : 's'}`}</caption>
        <thead>
          <tr>
            <th scope="col">By</th>
            <th scope="col">Status</th>
            <th scope="col">About</th>
            <th scope="col">Since</th>
          </tr>
        </thead>
        <tbody>
          {data.subscriptions.map((s) => (
            <tr>
              <td>{CHANNELS[s.channel].longLabel}</td>
              <td>{s.status}</td>
              <td>{describeFilters(s.filters)}</td>
              <td>
                <Time iso={s.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>Outpost keeps nothing else about this address: no name, no delivery content, no tracking.</p>
      <PersonalDataActions token={token} showExport={false} />
    </Layout>
  );
}

export function PersonalDataErasedPage({ erased }: { erased: number }) {
  return (
    <Layout title="Your personal data is deleted">
      <h1>Your personal data is deleted</h1>
      <p class="lead" role="status">
        {erased === 0 ? 'Outpost held nothing for this address (any data was deleted before).' : `Deleted ${erased} subscription${erased === 1 ? '' : 's'} and the address with ${erased === 1 ? 'it' : 'them'}.`}
      </p>
      <p>
        <a href="/subscribe">Subscribe again</a> if you want alerts in future.
      </p>
    </Layout>
  );
}
