import { CHANNELS } from '../../shared/domain/channel';
import { describeFilters } from '../../shared/domain/subscription';
import type { ErasureResult } from '../../shared/services/erase-personal-data';
import type { ExportedTraveler, PersonalDataExport } from '../../shared/services/export-personal-data';
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
      <p class="lead">{`This link lets whoever holds it see, or delete for good, everything Outpost holds for your address: subscriptions, traveler records kept by member organizations, and site contacts. It works for ${PERSONAL_DATA_HOURS} hours.`}</p>
      <PersonalDataActions token={token} showExport />
    </Layout>
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function SubscriptionsTable({ subscriptions }: { subscriptions: PersonalDataExport['subscriptions'] }) {
  return (
    <table>
      <caption>{plural(subscriptions.length, 'subscription')}</caption>
      <thead>
        <tr>
          <th scope="col">By</th>
          <th scope="col">Status</th>
          <th scope="col">About</th>
          <th scope="col">Since</th>
        </tr>
      </thead>
      <tbody>
        {subscriptions.map((s) => (
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
  );
}

/** One traveler record: who keeps it, what it says, its trips and safety-check answers. */
function TravelerRecord({ traveler }: { traveler: ExportedTraveler }) {
  return (
    <section aria-label={`Traveler record kept by ${traveler.organization}`}>
      <h3>{`Kept by ${traveler.organization}`}</h3>
      <dl>
        <dt>Name</dt>
        <dd>{traveler.name}</dd>
        <dt>Email</dt>
        <dd>{traveler.email ?? '—'}</dd>
        <dt>Phone</dt>
        <dd>{traveler.phone ?? '—'}</dd>
        <dt>Alerts by</dt>
        <dd>{traveler.channels.join(', ')}</dd>
      </dl>
      <table>
        <caption>{plural(traveler.trips.length, 'trip')}</caption>
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
          </tr>
        </thead>
        <tbody>
          {traveler.trips.flatMap((trip) =>
            trip.segments.map((segment) => (
              <tr>
                <td>{segment.city ? `${segment.city}, ${segment.country}` : segment.country}</td>
                <td>{segment.from}</td>
                <td>{segment.to}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <table>
        <caption>{plural(traveler.safetyChecks.length, 'safety check')}</caption>
        <thead>
          <tr>
            <th scope="col">Asked</th>
            <th scope="col">Answer</th>
          </tr>
        </thead>
        <tbody>
          {traveler.safetyChecks.map((check) => (
            <tr>
              <td>
                <Time iso={check.askedAt} />
              </td>
              <td>{check.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Everything held for the address, as the export API gives it, with the erase button beside it. */
export function PersonalDataExportPage({ data, token }: { data: PersonalDataExport; token: string }) {
  return (
    <Layout title="Everything Outpost holds for your address">
      <h1>Everything Outpost holds for your address</h1>
      <p class="lead">{`Address: ${data.address}`}</p>
      <h2>Subscriptions</h2>
      <SubscriptionsTable subscriptions={data.subscriptions} />
      <h2>{`Traveler records (${data.travelers.length})`}</h2>
      {data.travelers.length === 0 ? <p>No member organization keeps a traveler record with this address.</p> : data.travelers.map((t) => <TravelerRecord traveler={t} />)}
      <h2>Site contacts</h2>
      <table>
        <caption>{plural(data.siteContacts.length, 'site contact entry', 'site contact entries')}</caption>
        <thead>
          <tr>
            <th scope="col">Kept by</th>
            <th scope="col">Site</th>
            <th scope="col">Contact</th>
          </tr>
        </thead>
        <tbody>
          {data.siteContacts.map((entry) => (
            <tr>
              <td>{entry.organization}</td>
              <td>{`${entry.site.name} (${entry.site.country})`}</td>
              <td>{[entry.contact.email, entry.contact.phone].filter(Boolean).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Security contacts</h2>
      {data.securityContacts.length === 0 ? (
        <p>No member organization names this address as a security contact.</p>
      ) : (
        <ul>
          {data.securityContacts.map((entry) => (
            <li>{`${entry.organization} tells this address at once when one of its travelers needs help.`}</li>
          ))}
        </ul>
      )}
      <p>Outpost keeps nothing else about this address: no delivery content, no tracking. Deleting removes the address from every record above; a traveler record or site contact with another address keeps that one.</p>
      <PersonalDataActions token={token} showExport={false} />
    </Layout>
  );
}

function erasedSummary(result: ErasureResult): string {
  const parts = [
    result.subscriptions > 0 ? `deleted ${plural(result.subscriptions, 'subscription')}` : '',
    result.travelers.deleted > 0 ? `deleted ${plural(result.travelers.deleted, 'traveler record')} with their trips` : '',
    result.travelers.updated > 0 ? `removed the address from ${plural(result.travelers.updated, 'traveler record')} that keep another` : '',
    result.siteContacts > 0 ? `removed it from ${plural(result.siteContacts, 'site contact entry', 'site contact entries')}` : '',
    result.securityContacts > 0 ? `removed it from the security contacts of ${plural(result.securityContacts, 'organization')}` : '',
  ].filter(Boolean);
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** After an erasure (or a link whose data is gone already). */
export function PersonalDataErasedPage({ result }: { result?: ErasureResult }) {
  return (
    <Layout title="Your personal data is deleted">
      <h1>Your personal data is deleted</h1>
      <p class="lead" role="status">
        {!result || result.erased === 0 ? 'Outpost held nothing for this address (any data was deleted before).' : erasedSummary(result)}
      </p>
      <p>
        <a href="/subscribe">Subscribe again</a> if you want alerts in future.
      </p>
    </Layout>
  );
}
