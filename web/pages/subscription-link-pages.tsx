/**
 * The pages a subscription's links open (confirm, manage, unsubscribe, and
 * a link that did not work): no sign-in, the address masked.
 */
import type { Subscription, SubscriptionFilters, SubscriptionStatus } from '../../shared/domain/subscription';
import { CHANNELS, type ChannelDefinition } from '../../shared/domain/channel';
import { countryName } from '../../shared/domain/country';
import { timingOf } from '../../shared/domain/delivery-timing';
import { KIND_LABELS } from '../../shared/domain/publication-kind';
import { regionName } from '../../shared/domain/region';
import { CsrfField } from '../components/account';
import { ErrorSummary, type FieldErrors } from '../components/form';
import { Layout } from '../components/layout';
import type { FormValues } from './publication-form';
import { FilterFields, SUBSCRIBE_LABELS } from './subscribe';
import { TimingFields } from './timing-form';

/** The address as a manage link's holder may see it, masked by its channel's rule. */
function maskedAddress(subscription: Subscription): string {
  const definition: ChannelDefinition = CHANNELS[subscription.channel];
  return subscription.address && definition.destination === 'address' ? definition.maskAddress(subscription.address) : '—';
}

function describe(s: Subscription): string {
  const where = [...s.filters.countries.map((c) => countryName(c)), ...s.filters.regions.map((r) => regionName(r))];
  const what = s.filters.kinds.length ? s.filters.kinds.map((k) => KIND_LABELS[k]).join(', ') : 'every kind of publication';
  const timing = timingOf(s);
  const when = [
    s.filters.minSeverity ? `severity ${s.filters.minSeverity} and above` : '',
    timing.frequency === 'immediate' ? '' : `as a ${timing.frequency} digest at 08:00 (${timing.timeZone})`,
    timing.quietHours ? `quiet hours ${timing.quietHours.from}–${timing.quietHours.to} (${timing.timeZone})` : '',
  ].filter(Boolean);
  return `${what} for ${where.length ? where.join(', ') : 'every country'}${s.filters.minLevel ? `; travel advisories from level ${s.filters.minLevel}` : ''}${when.length ? `; ${when.join('; ')}` : ''}`;
}

/**
 * What a confirmation link opens: what was asked for, and one button (a
 * POST) that confirms. A mail scanner or link preview that follows the link
 * confirms nothing, so nobody's address is signed up by someone else's
 * request without its owner pressing the button.
 */
export function ConfirmSubscriptionPage({ subscription, token }: { subscription: Subscription; token: string }) {
  const active = subscription.status !== 'pending';
  return (
    <Layout title="Confirm your subscription" current="/subscribe">
      <h1>Confirm your subscription</h1>
      <p class="lead">{`Someone asked Outpost to send ${describe(subscription)} to ${maskedAddress(subscription)}.`}</p>
      {active ? <p class="notice">This subscription is already confirmed.</p> : <p>Nothing is sent until you confirm. If you did not ask for this, close this page.</p>}
      <form method="post" action="/subscribe/confirm">
        <input type="hidden" name="token" value={token} />
        <button type="submit" class="button">
          Confirm subscription
        </button>
      </form>
    </Layout>
  );
}

/** "You're subscribed to Kenya alerts": the places a subscription follows, in the heading of the page its confirmation opens. */
function subscribedHeading(s: Subscription): string {
  const places = [...s.filters.countries.map((c) => countryName(c)), ...s.filters.regions.map((r) => regionName(r))];
  const named = places.length === 0 ? '' : places.length === 1 ? `${places[0]} ` : places.length === 2 ? `${places[0]} and ${places[1]} ` : `${places.slice(0, -1).join(', ')} and ${places.at(-1)} `;
  return `You’re subscribed to ${named}alerts`;
}

/** A confirmation link opened; the manage link lets its owner change it later without signing in. */
export function ConfirmedPage({ subscription, manageUrl }: { subscription: Subscription; manageUrl: string }) {
  const heading = subscribedHeading(subscription);
  return (
    <Layout title={heading} current="/subscribe">
      <h1>{heading}</h1>
      <p class="lead" role="status">{`You will now receive ${describe(subscription)}.`}</p>
      <p>
        <a href={manageUrl}>Change what you receive</a> at any time; every message has this link too, and a link to unsubscribe in one click.
      </p>
    </Layout>
  );
}

const STATUS_WORDS: Record<SubscriptionStatus, string> = {
  pending: 'Waiting for you to open the confirmation link',
  active: 'Active',
  suspended: 'Paused: messages to this address could not be delivered',
  unsubscribed: 'Unsubscribed',
};

/** The form values a subscription's filters stand for. */
export function filterValues(filters: SubscriptionFilters): FormValues {
  return {
    countries: filters.countries,
    regions: filters.regions,
    kinds: filters.kinds,
    minLevel: filters.minLevel === undefined ? '' : String(filters.minLevel),
    ...(filters.near ? { nearLat: String(filters.near.lat), nearLon: String(filters.near.lon), nearRadiusKm: String(filters.near.radiusKm) } : {}),
    ...(filters.sites?.length ? { sites: filters.sites.map((s) => s.id) } : {}),
  };
}

/**
 * The page a manage link opens: the subscription with its address masked,
 * a plain POST form to change its filters and the one-click unsubscribe
 * button. The manage token travels in a hidden field, never a cookie.
 */
export function ManagePage({
  subscription,
  token,
  unsubscribeToken,
  values,
  errors = {},
  saved = false,
}: {
  subscription: Subscription;
  token: string;
  unsubscribeToken: string;
  values: FormValues;
  errors?: FieldErrors;
  saved?: boolean;
}) {
  return (
    <Layout title={Object.keys(errors).length ? 'Error: Manage your subscription' : 'Manage your subscription'} current="/subscribe" scripts={['country-picker', 'place-picker']}>
      <h1>Manage your subscription</h1>
      {saved ? (
        <p class="notice" role="status">
          Your changes are saved.
        </p>
      ) : null}
      <dl class="facts">
        <dt>Sent by</dt>
        <dd>{CHANNELS[subscription.channel].longLabel}</dd>
        <dt>To</dt>
        <dd>{maskedAddress(subscription)}</dd>
        <dt>Status</dt>
        <dd>{STATUS_WORDS[subscription.status]}</dd>
        <dt>You receive</dt>
        <dd>{describe(subscription)}</dd>
      </dl>
      <h2>Change what you receive</h2>
      <ErrorSummary errors={errors} labels={SUBSCRIBE_LABELS} />
      <form method="post" action="/subscribe/manage" class="stack" novalidate>
        <CsrfField />
        <input type="hidden" name="token" value={token} />
        <FilterFields values={values} errors={errors} mapCountries={subscription.filters.near ? [subscription.filters.near.country] : subscription.filters.countries} />
        <TimingFields values={values} errors={errors} channels={[subscription.channel]} />
        <button type="submit" class="button">
          Save changes
        </button>
      </form>
      <h2>Unsubscribe</h2>
      <p>Stop receiving these alerts. You can subscribe again at any time.</p>
      <form method="post" action="/subscribe/unsubscribe">
        <CsrfField />
        <input type="hidden" name="token" value={unsubscribeToken} />
        <button type="submit" class="button">
          Unsubscribe
        </button>
      </form>
    </Layout>
  );
}

/** An unsubscribe link opened: one button, no sign-in. GET shows it, so a mail scanner opening the link unsubscribes nobody. */
export function UnsubscribePage({ token, action = '/subscribe/unsubscribe' }: { token?: string; action?: string }) {
  return (
    <Layout title="Unsubscribe" current="/subscribe">
      <h1>Unsubscribe</h1>
      <p class="lead">Stop receiving these alerts? You can subscribe again at any time.</p>
      <form method="post" action={action}>
        {token ? <input type="hidden" name="token" value={token} /> : null}
        <button type="submit" class="button">
          Unsubscribe
        </button>
      </form>
    </Layout>
  );
}

export function UnsubscribedPage() {
  return (
    <Layout title="Unsubscribed" current="/subscribe">
      <h1>You have unsubscribed</h1>
      <p class="lead" role="status">
        We will send you no more alerts for this subscription, and we delete your address within 30 days.
      </p>
      <p>
        Changed your mind? <a href="/subscribe">Subscribe again</a>.
      </p>
    </Layout>
  );
}

/** A subscription link that did not work, with the reason in plain words. */
export function LinkProblemPage({ title, message }: { title: string; message: string }) {
  return (
    <Layout title={title} current="/subscribe">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/subscribe">Subscribe again</a> if you want to receive alerts.
      </p>
    </Layout>
  );
}
