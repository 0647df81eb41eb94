import { ADVISORY_LEVELS } from '../../shared/domain/advisory-level';
import { raw } from 'hono/html';
import { renderCountryMapSvg } from '../map/country-map';
import { countryName, type Country } from '../../shared/domain/country';
import { KIND_LABELS, KindSchema } from '../../shared/domain/publication-kind';
import { REGION_CODES, regionName } from '../../shared/domain/region';
import { CHANNEL_NAMES, CHANNELS, type Channel, type ChannelDefinition, type ChannelFormField } from '../../shared/domain/channel';
import { FEED_FORMAT_NAMES, FEED_FORMATS } from '../../shared/formats/feed-formats';
import { CsrfField } from '../components/account';
import { CountryPicker, resolveCountries } from '../components/country-picker';
import { ChoiceGroup, ErrorSummary, fieldId, SelectField, TextField, type FieldErrors } from '../components/form';
import { Layout } from '../components/layout';
import { LocalOutboxNotice } from '../components/outbox-notice';
import type { FormValues } from './publication-form';
import { TIMING_LABELS, TimingFields } from './timing-form';

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
