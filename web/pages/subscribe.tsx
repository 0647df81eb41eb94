import { ADVISORY_LEVELS } from '../../shared/domain/advisory-level';
import { raw } from 'hono/html';
import { renderCountryMapSvg } from '../map/country-map';
import { countryName, type Country } from '../../shared/domain/country';
import { KIND_LABELS, KindSchema } from '../../shared/domain/publication-kind';
import { REGION_CODES, regionName } from '../../shared/domain/region';
import { CHANNEL_NAMES, CHANNELS, type Channel, type ChannelDefinition, type ChannelFormField } from '../../shared/domain/channel';
import type { Subscription, SubscriptionFilters, SubscriptionStatus } from '../../shared/domain/subscription';
import { FEED_FORMAT_NAMES, FEED_FORMATS } from '../../shared/formats/feed-formats';
import { CsrfField } from '../components/account';
import { CountryPicker, resolveCountries } from '../components/country-picker';
import { ChoiceGroup, ErrorSummary, fieldId, SelectField, TextField, type FieldErrors } from '../components/form';
import { Layout } from '../components/layout';
import { LocalOutboxNotice } from '../components/outbox-notice';
import type { FormValues } from './publication-form';
import { TIMING_LABELS, TimingFields } from './timing-form';
import { timingOf } from '../../shared/domain/delivery-timing';

const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The channels the public form offers (those whose registry entry has a form field), in registry order. */
export const FORM_CHANNELS: readonly { channel: Channel; label: string; form: ChannelFormField }[] = CHANNEL_NAMES.flatMap((channel) => {
  const definition: ChannelDefinition = CHANNELS[channel];
  return definition.destination === 'address' && definition.form ? [{ channel, label: definition.longLabel, form: definition.form }] : [];
});

export const SUBSCRIBE_LABELS: Record<string, string> = {
  countries: 'Countries',
  regions: 'Regions',
  kinds: 'What to receive',
  minLevel: 'Travel advisories from level',
  near: 'Near a place',
  sites: 'Your organization’s sites',
  channel: 'How to reach you',
  ...TIMING_LABELS,
  ...Object.fromEntries(FORM_CHANNELS.map(({ form }) => [form.field, form.label])),
};

/** The chosen countries of posted form values, as codes (texts that name none are the route's error to report). */
const chosenCountries = (values: FormValues) => resolveCountries(many(values.countries)).codes;

/**
 * Instead of countries and regions: a circle around a place, by latitude
 * and longitude or (with the place-picker script) a click on the map.
 */
function NearFields({ values, errors, mapCountries, keepSites }: { values: FormValues; errors: FieldErrors; mapCountries: readonly string[]; keepSites: boolean }) {
  return (
    <fieldset class={errors.near ? 'field has-error' : 'field'} aria-describedby="near-hint">
      <legend>
        Near a place<span class="optional"> (optional)</span>
      </legend>
      <p class="hint" id="near-hint">
        Instead of countries and regions: alerts whose areas come within the radius of a place, and alerts for the whole country it is in. Give its latitude and longitude, or click the map.
      </p>
      {errors.near ? <p class="field-error">{errors.near.join(' ')}</p> : null}
      <div class="place-tools">
        <TextField name="nearLat" label="Latitude" inputmode="decimal" value={one(values.nearLat)} width="short" />
        <TextField name="nearLon" label="Longitude" inputmode="decimal" value={one(values.nearLon)} width="short" />
        <TextField name="nearRadiusKm" label="Radius (km)" inputmode="decimal" value={one(values.nearRadiusKm) ?? '10'} width="short" />
      </div>
      <div class="place-picker" data-place-picker data-lat={fieldId('nearLat')} data-lon={fieldId('nearLon')}>
        {raw(renderCountryMapSvg(mapCountries, [], { id: 'near-map', title: `Map${mapCountries.length ? ` of ${mapCountries.map(countryName).join(', ')}` : ' of the world'}: click to choose the place`, picker: true }))}
        <p class="meta" role="status" aria-live="polite" data-place-status></p>
      </div>
      {keepSites
        ? many(values.sites).map((id) => <input type="hidden" name="sites" value={id} />)
        : null}
    </fieldset>
  );
}

/**
 * Where and what: the filter fields shared by the subscribe, manage and
 * portal forms. `short` (the form a country page leads to) keeps all but
 * the countries behind "More choices". `sites` (the portal) offers the
 * organization's sites to choose; elsewhere a subscription's sites are
 * kept as they are.
 */
export function FilterFields({
  values,
  errors,
  short = false,
  mapCountries = [],
  sites,
}: {
  values: FormValues;
  errors: FieldErrors;
  short?: boolean;
  mapCountries?: readonly string[];
  sites?: readonly { id: string; name: string; country: string }[] | undefined;
}) {
  const more = (
    <>
      <ChoiceGroup name="regions" label="Regions" type="checkbox" errors={errors.regions} checked={many(values.regions)} options={REGION_CODES.map((r) => ({ value: r, label: regionName(r) }))} />
      <NearFields values={values} errors={errors} mapCountries={mapCountries} keepSites={sites === undefined} />
      {sites?.length ? (
        <ChoiceGroup
          name="sites"
          label="Your organization’s sites"
          hint="Instead of countries and regions: alerts whose areas reach one of these sites, and alerts for the whole country each is in."
          type="checkbox"
          errors={errors.sites}
          checked={many(values.sites)}
          options={sites.map((site) => ({ value: site.id, label: `${site.name} (${countryName(site.country)})` }))}
        />
      ) : null}
      <ChoiceGroup
        name="kinds"
        label="What to receive"
        hint="Leave all unticked to receive every kind."
        type="checkbox"
        errors={errors.kinds}
        checked={many(values.kinds)}
        options={KindSchema.options.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
      />
      <SelectField
        name="minLevel"
        label="Travel advisories from level"
        hint="Only travel advisories at this level or higher; other kinds are not affected."
        errors={errors.minLevel}
        value={one(values.minLevel)}
        options={[{ value: '', label: 'Any level' }, ...Object.entries(ADVISORY_LEVELS).map(([v, l]) => ({ value: v, label: `Level ${v}: ${l} and above` }))]}
      />
    </>
  );
  return (
    <>
      <CountryPicker name="countries" label="Countries" hint="Leave countries and regions empty for the whole world." errors={errors.countries} chosen={chosenCountries(values)} />
      {short && !errors.regions && !errors.kinds && !errors.minLevel && !errors.near ? (
        <details class="more-choices">
          <summary>More choices: regions, near a place, what to receive, advisory level</summary>
          {more}
        </details>
      ) : (
        more
      )}
    </>
  );
}

/**
 * How to reach you: the channel radios, and the address field of each
 * address channel (the portal's webhook URL field follows them there).
 */
export function ReachFields({ values, errors, channels }: { values: FormValues; errors: FieldErrors; channels: readonly { channel: Channel; label: string }[] }) {
  return (
    <>
      <ChoiceGroup
        name="channel"
        label="How to reach you"
        required
        type="radio"
        errors={errors.channel}
        checked={many(values.channel ?? channels[0]?.channel)}
        options={channels.map(({ channel, label }) => ({ value: channel, label }))}
      />
      {FORM_CHANNELS.map(({ form }) => (
        <TextField name={form.field} label={form.label} type={form.inputType} autocomplete={form.inputType} value={one(values[form.field])} errors={errors[form.field]} hint={form.hint} />
      ))}
    </>
  );
}

/**
 * The subscribe form: where, what and how. A plain POST form, so it works
 * with JavaScript off; the server answers with "check your inbox" or the
 * form again with its errors.
 */
export function SubscribeFormPage({ values, errors = {}, country, signedInOrg }: { values: FormValues; errors?: FieldErrors; country?: Country | undefined; signedInOrg?: string | undefined }) {
  const scope = country ? `countries/${country.code}` : 'all';
  const heading = country ? `Get alerts for ${country.name}` : 'Subscribe to alerts';
  return (
    <Layout title={Object.keys(errors).length ? `Error: ${heading}` : heading} current="/subscribe" scripts={['country-picker', 'place-picker']}>
      <h1>{heading}</h1>
      <p class="lead">Get travel advisories, security alerts and reports by email or text message as soon as they are published.</p>
      {signedInOrg ? (
        <p class="notice">{`You are signed in: this subscription will belong to ${signedInOrg} and receive the members-only content your organization is entitled to.`}</p>
      ) : (
        <p>Public subscriptions receive public (TLP:CLEAR) content. We use your address only to send you what you ask for, and every message has a link to unsubscribe.</p>
      )}
      <ErrorSummary errors={errors} labels={SUBSCRIBE_LABELS} />
      <form method="post" action="/subscribe" class="stack" novalidate>
        <CsrfField />
        <FilterFields values={values} errors={errors} short={country !== undefined} mapCountries={country ? [country.code] : []} />
        <ReachFields values={values} errors={errors} channels={FORM_CHANNELS} />
        <TimingFields values={values} errors={errors} channels={FORM_CHANNELS.map((c) => c.channel)} />
        <button type="submit" class="button">
          Subscribe
        </button>
      </form>
      <h2>Feeds</h2>
      <p>{`Prefer a feed reader? These carry ${country ? `public publications about ${country.name}` : 'all public publications'}:`}</p>
      <ul class="links">
        {FEED_FORMAT_NAMES.map((format) => (
          <li>
            <a href={`/feeds/${scope}.${format}`}>{FEED_FORMATS[format].linkText}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/**
 * After subscribing: the same words whatever the address, the address as
 * typed (so a typo shows), and what happens next (the words of the
 * channel's form field).
 */
export function CheckInboxPage({ form, address, local = false }: { form: Pick<ChannelFormField, 'sentTitle' | 'sentMessage' | 'sentWhat'>; address: string; local?: boolean }) {
  return (
    <Layout title={form.sentTitle} current="/subscribe">
      <h1>{form.sentTitle}</h1>
      <p class="lead" role="status">
        {form.sentMessage}
      </p>
      <p>
        {'We sent it to '}
        <strong class="sent-to">{address}</strong>. Not right? <a href="/subscribe">Subscribe again</a> with the right address.
      </p>
      <p>Nothing is sent to you until you open that link. It works for 7 days; if you do not confirm, we delete your address.</p>
      <p>Nothing within a few minutes? Check the address you gave. For text messages: if you once replied STOP to Outpost, reply START first, then subscribe again.</p>
      {local ? <LocalOutboxNotice what={form.sentWhat} /> : null}
    </Layout>
  );
}

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
