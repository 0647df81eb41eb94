import type { DeliveryHealth } from '../../shared/domain/delivery-health';
import { countryName } from '../../shared/domain/country';
import { KIND_LABELS } from '../../shared/domain/publication-kind';
import { regionName } from '../../shared/domain/region';
import { CHANNELS, type Channel } from '../../shared/domain/channel';
import type { Site } from '../../shared/domain/site';
import type { Subscription } from '../../shared/domain/subscription';
import { PAUSED_BY_MEMBER } from '../../shared/services/pause-subscription';
import { CsrfField } from '../components/account';
import { DeliveryHealthText } from '../components/delivery-health';
import { failureWords } from '../components/delivery-words';
import { ErrorSummary, TextField, type FieldErrors } from '../components/form';
import { Time } from '../components/format';
import { Layout } from '../components/layout';
import type { FormValues } from './publication-form';
import { FilterFields, FORM_CHANNELS, ReachFields, SUBSCRIBE_LABELS } from './subscribe';

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The channels a member may add in the portal: the public form's, and webhooks. */
export const PORTAL_CHANNELS: readonly { channel: Channel; label: string; field: string }[] = [
  ...FORM_CHANNELS.map(({ channel, label, form }) => ({ channel, label, field: form.field })),
  { channel: 'webhook', label: 'Webhook (an HTTPS endpoint of yours)', field: 'url' },
];

/** A site of the organization, as the subscription forms offer it. */
export type OrganizationSite = Pick<Site, 'id' | 'name' | 'country'>;

export const PORTAL_SUBSCRIPTION_LABELS: Record<string, string> = { ...SUBSCRIBE_LABELS, url: 'Webhook URL' };

/** Describes a subscription's filters in words. */
function filtersText(s: Subscription): string {
  const f = s.filters;
  const where = [...f.countries.map((c) => countryName(c)), ...f.regions.map((r) => regionName(r))];
  const parts = [where.length ? where.join(', ') : 'All countries', f.kinds.length ? f.kinds.map((k) => KIND_LABELS[k]).join(', ') : 'all kinds'];
  if (f.minLevel) parts.push(`advisories at level ${f.minLevel} or above`);
  return parts.join('; ');
}

/** A subscription's status in plain words. */
function statusWords(s: Subscription): string {
  switch (s.status) {
    case 'pending':
      return 'Waiting for the confirmation link to be opened';
    case 'active':
      return 'Active';
    case 'suspended':
      return s.suspendedReason === PAUSED_BY_MEMBER ? 'Paused' : `Stopped by Outpost: ${failureWords(s.suspendedReason)}`;
    case 'unsubscribed':
      return 'Unsubscribed';
  }
}

/** One subscription's buttons: edit, test (webhooks), pause or resume. */
function RowActions({ s }: { s: Subscription }) {
  const what = `${CHANNELS[s.channel].label} ${CHANNELS[s.channel].showToOrganization(s)}`;
  const pausable = s.status === 'active';
  const resumable = s.status === 'suspended' && s.suspendedReason === PAUSED_BY_MEMBER;
  return (
    <div class="button-row">
      <a href={`/portal/subscriptions/${s.id}`} class="button secondary small" aria-label={`Edit or delete ${what}`}>
        Edit
      </a>
      {s.channel === 'webhook' ? (
        <form method="post" action={`/portal/subscriptions/${s.id}/test`} class="inline-form">
          <CsrfField />
          <button type="submit" class="button secondary small" aria-label={`Send a test delivery to ${what}`}>
            Send test
          </button>
        </form>
      ) : null}
      {pausable || resumable ? (
        <form method="post" action={`/portal/subscriptions/${s.id}/${pausable ? 'pause' : 'resume'}`} class="inline-form">
          <CsrfField />
          <button type="submit" class="button secondary small" aria-label={`${pausable ? 'Pause' : 'Resume'} ${what}`}>
            {pausable ? 'Pause' : 'Resume'}
          </button>
        </form>
      ) : null}
    </div>
  );
}

/** The organization's subscriptions with their health and actions. */
export function SubscriptionTable({ subscriptions, health }: { subscriptions: readonly Subscription[]; health: ReadonlyMap<string, DeliveryHealth> }) {
  return (
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col">Destination</th>
            <th scope="col">What</th>
            <th scope="col">Status</th>
            <th scope="col">Since</th>
            <th scope="col">Delivery health</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {subscriptions.map((s) => (
            <tr id={`subscription-${s.id}`}>
              <th scope="row">{CHANNELS[s.channel].label}</th>
              <td>{CHANNELS[s.channel].showToOrganization(s)}</td>
              <td>{filtersText(s)}</td>
              <td>{statusWords(s)}</td>
              <td>
                <Time iso={s.createdAt} />
              </td>
              <td>
                <DeliveryHealthText health={health.get(s.id)} />
              </td>
              <td>
                <RowActions s={s} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A webhook just added: its signing secret, shown this once. */
export function WebhookSecretBox({ url, secret }: { url: string; secret: string }) {
  return (
    <div class="secret-box" role="status">
      <h2>{`Your webhook to ${url} is active`}</h2>
      <p>
        Copy its signing secret now: this is the only time Outpost shows it. Each delivery carries an <code>Outpost-Signature</code> header made with it; use <strong>Send test</strong> below to try your check.
      </p>
      <p>
        <label for="new-webhook-secret">Signing secret</label>
        <input id="new-webhook-secret" class="secret" type="text" readonly value={secret} />
      </p>
    </div>
  );
}

/**
 * Add an email, SMS or webhook subscription for the organization. The
 * signed-in member's address is filled in; email and SMS still need their
 * confirmation link opened, webhooks start at once.
 */
export function AddSubscriptionForm({ values, errors, sites, local }: { values: FormValues; errors: FieldErrors; sites: readonly OrganizationSite[]; local: boolean }) {
  return (
    <section aria-labelledby="add-subscription-title">
      <h3 id="add-subscription-title">Add a subscription or webhook</h3>
      <p class="meta">
        Through the API: <code>POST /v1/subscriptions</code> with an API key that has the <strong>write</strong> scope (listing needs <strong>read</strong>).
      </p>
      <ErrorSummary errors={errors} labels={PORTAL_SUBSCRIPTION_LABELS} />
      <form method="post" action="/portal/subscriptions" class="stack" novalidate>
        <CsrfField />
        <ReachFields values={values} errors={errors} channels={PORTAL_CHANNELS} />
        <TextField
          name="url"
          label="Webhook URL"
          type="url"
          value={one(values.url)}
          errors={errors.url}
          hint={local ? 'Needed if you chose webhook. https://…; in local mode an http:// address on this machine works too.' : 'Needed if you chose webhook. It must start with https://.'}
        />
        <FilterFields values={values} errors={errors} sites={sites} />
        <button type="submit" class="button">
          Add
        </button>
      </form>
    </section>
  );
}

/** One subscription's page in the portal: change its filters, or delete it (after a confirmation). */
export function EditSubscriptionPage({
  subscription,
  values,
  errors = {},
  sites,
  confirmDelete = false,
}: {
  subscription: Subscription;
  values: FormValues;
  errors?: FieldErrors;
  sites: readonly OrganizationSite[];
  confirmDelete?: boolean;
}) {
  const destination = `${CHANNELS[subscription.channel].label} ${CHANNELS[subscription.channel].showToOrganization(subscription)}`;
  const title = `${Object.keys(errors).length ? 'Error: ' : ''}${confirmDelete ? 'Delete' : 'Change'} ${destination}`;
  return (
    <Layout title={title} current="/portal" scripts={['country-picker']}>
      <p class="breadcrumb">
        <a href="/portal">Member portal</a>
      </p>
      <h1>{confirmDelete ? `Delete ${destination}?` : `Change ${destination}`}</h1>
      {confirmDelete ? (
        <>
          <p class="lead">{`It receives ${filtersText(subscription)}. Deleting it stops every delivery to it for good; this cannot be undone.`}</p>
          <form method="post" action={`/portal/subscriptions/${subscription.id}/delete`} class="button-row">
            <CsrfField />
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" class="button">
              Yes, delete it
            </button>
            <a href={`/portal/subscriptions/${subscription.id}`}>No, keep it</a>
          </form>
        </>
      ) : (
        <>
          <dl class="facts">
            <dt>Status</dt>
            <dd>{statusWords(subscription)}</dd>
            <dt>Receives</dt>
            <dd>{filtersText(subscription)}</dd>
          </dl>
          <ErrorSummary errors={errors} labels={PORTAL_SUBSCRIPTION_LABELS} />
          <form method="post" action={`/portal/subscriptions/${subscription.id}`} class="stack" novalidate>
            <CsrfField />
            <FilterFields values={values} errors={errors} sites={sites} />
            <button type="submit" class="button">
              Save changes
            </button>
          </form>
          <h2>Delete</h2>
          <form method="post" action={`/portal/subscriptions/${subscription.id}/delete`}>
            <CsrfField />
            <button type="submit" class="button secondary">
              Delete this subscription
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}
