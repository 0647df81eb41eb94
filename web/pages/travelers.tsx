import type { TravelerView } from '../../shared/domain/traveler';
import type { ImportResult } from '../../shared/services/import-trips';
import { CsrfField } from '../components/account';
import { ErrorSummary, TextField, type FieldErrors } from '../components/form';
import { Time } from '../components/format';
import { Layout } from '../components/layout';

export const TRAVELER_LABELS: Record<string, string> = { name: 'Name', email: 'Email address', phone: 'Mobile phone number', channels: 'Channels', file: 'Itinerary file' };

interface CheckSummary {
  id: string;
  createdAt: string;
  message: string;
  travelers: number;
}

export interface TravelersPageProps {
  orgName: string;
  travelers: readonly TravelerView[];
  checks: readonly CheckSummary[];
  /** The outcome of an import just posted. */
  imported?: ImportResult;
  errors?: FieldErrors;
  values?: { name?: string; email?: string; phone?: string };
  notice?: string;
}

function ImportOutcome({ result }: { result: ImportResult }) {
  return (
    <div class="import-result" role="status" id="import-result">
      <p class="notice">{`Imported ${result.created} trip${result.created === 1 ? '' : 's'}; ${result.travelers} new traveler${result.travelers === 1 ? '' : 's'} registered; ${result.errors.length} line${result.errors.length === 1 ? '' : 's'} refused.`}</p>
      {result.errors.length > 0 ? (
        <table class="import-errors">
          <caption>Lines that were not imported</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {result.errors.map((e) => (
              <tr>
                <td>{String(e.line)}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/** The portal's Travelers section: import itineraries, add a traveler, the organization's travelers and its safety checks. */
export function TravelersPage({ orgName, travelers, checks, imported, errors = {}, values = {}, notice }: TravelersPageProps) {
  return (
    <Layout title="Travelers" current="/portal">
      <h1>Travelers</h1>
      <p class="lead">{`${orgName}: the people you send abroad. Alerts about the places on their trips reach them, and you can ask them whether they are safe.`}</p>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorSummary errors={errors} labels={TRAVELER_LABELS} />
      {imported ? <ImportOutcome result={imported} /> : null}

      <section aria-labelledby="import-title">
        <h2 id="import-title">Import trips</h2>
        <p>
          A CSV file with the header <code>email,name,country,city,from,to</code> (one trip a line, dates as YYYY-MM-DD; a country by name or ISO code), or an iCalendar itinerary (<code>.ics</code>). Travelers are found by email, or registered. Lines with a problem are listed; the others are imported.
        </p>
        <form method="post" action="/portal/travelers/import" enctype="multipart/form-data">
          <CsrfField />
          <div class="field">
            <label for="field-file">Itinerary file</label>
            <input id="field-file" name="file" type="file" accept=".csv,text/csv,.ics,text/calendar" required />
          </div>
          <button type="submit" class="button">
            Import
          </button>
        </form>
      </section>

      <section aria-labelledby="add-title">
        <h2 id="add-title">Add a traveler</h2>
        <form method="post" action="/portal/travelers" novalidate>
          <CsrfField />
          <TextField name="name" label={TRAVELER_LABELS.name!} required value={values.name} errors={errors.name} autocomplete="off" />
          <TextField name="email" label={TRAVELER_LABELS.email!} type="email" value={values.email} errors={errors.email} autocomplete="off" />
          <TextField name="phone" label={TRAVELER_LABELS.phone!} type="tel" hint="In international format, e.g. +254712345678." value={values.phone} errors={errors.phone} autocomplete="off" />
          <button type="submit" class="button">
            Add traveler
          </button>
        </form>
      </section>

      <section aria-labelledby="travelers-title">
        <h2 id="travelers-title">{`Your travelers (${travelers.length})`}</h2>
        {travelers.length === 0 ? (
          <p>No travelers yet.</p>
        ) : (
          <table id="travelers-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Phone</th>
                <th scope="col">Alerts</th>
              </tr>
            </thead>
            <tbody>
              {travelers.map((t) => (
                <tr>
                  <td>{t.name}</td>
                  <td>{t.email ?? ''}</td>
                  <td>{t.phone ?? ''}</td>
                  <td>{t.alertsStopped ? 'stopped by the traveler' : t.channels.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="checks-title">
        <h2 id="checks-title">Safety checks</h2>
        {checks.length === 0 ? (
          <p>None yet. Start one from the “Your travelers” panel of an alert’s page.</p>
        ) : (
          <ul>
            {checks.map((check) => (
              <li>
                <a href={`/portal/safety-checks/${check.id}`}>{check.message}</a>
                {' · '}
                <Time iso={check.createdAt} />
                {` · ${check.travelers} traveler${check.travelers === 1 ? '' : 's'}`}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
