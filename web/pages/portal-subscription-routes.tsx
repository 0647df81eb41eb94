import type { Context } from 'hono';
import { AUTHENTICATED } from '../../functions/http/access';
import type { AppEnv } from '../../functions/http/env';
import { actor } from '../../functions/http/middleware/auth';
import type { Router } from '../../functions/http/router';
import type { Subscription } from '../../shared/domain/subscription';
import { NotFoundError, ValidationError } from '../../shared/errors';
import { createSubscription } from '../../shared/services/create-subscription';
import { deleteSubscription } from '../../shared/services/delete-subscription';
import { listSites } from '../../shared/services/list-sites';
import { readOrganizationSubscription } from '../../shared/services/list-subscriptions';
import { setSubscriptionPaused } from '../../shared/services/pause-subscription';
import { sendTestWebhook } from '../../shared/services/test-webhook';
import { updateOrganizationSubscriptionFilters } from '../../shared/services/update-subscription-filters';
import { countryIssues, resolveCountries } from '../components/country-picker';
import { groupIssues, quotingValue, type FieldErrors } from '../components/form';
import { PortalPage } from './portal';
import { portalData } from './portal-routes';
import { EditSubscriptionPage, PORTAL_CHANNELS, PORTAL_SUBSCRIPTION_LABELS } from './portal-subscriptions';
import { formValues, type FormValues } from './publication-form';
import { sendPage } from './respond';
import { filterValues } from './subscription-link-pages';
import { filtersInput } from './subscription-input';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const KNOWN_FIELDS = new Set(Object.keys(PORTAL_SUBSCRIPTION_LABELS));
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

function subscriptionId(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? '';
  if (!ULID.test(id)) throw new NotFoundError('Subscription');
  return id;
}

/** The create input: the address from the chosen channel's own field (a URL for webhooks). */
function createInput(values: FormValues) {
  const channel = PORTAL_CHANNELS.find((c) => c.channel === one(values.channel));
  const destination = channel ? one(values[channel.field]).trim() : '';
  return { channel: one(values.channel), ...(channel?.channel === 'webhook' ? { url: destination } : { address: destination }), ...filtersInput(values) };
}

/** The country picker's "Add" without JavaScript: show the form again with the country added, saving nothing. */
function addingCountry(values: FormValues): { values: FormValues; errors: FieldErrors } | undefined {
  if (values.intent !== 'add-country') return undefined;
  const { codes, unknown } = resolveCountries(many(values.countries));
  return { values: { ...values, countries: codes }, errors: groupIssues(countryIssues([], unknown), KNOWN_FIELDS) };
}

/** The service's issues on the form's fields, in its words: a refused country quoted as typed, `address` on the chosen channel's field. */
function formErrors(error: ValidationError, values: FormValues): FieldErrors {
  const field = PORTAL_CHANNELS.find((c) => c.channel === one(values.channel))?.field ?? 'email';
  return groupIssues(
    countryIssues(error.issues, resolveCountries(many(values.countries)).unknown).map((i) => {
      const head = i.path.split('.')[0];
      if (head === 'address') return { ...quotingValue(i, values[field]), path: field };
      return head === 'url' ? quotingValue(i, values.url) : i;
    }),
    KNOWN_FIELDS,
  );
}

const ownSites = (c: Context<AppEnv>) => listSites(c.var.deps, actor(c));

const ownSubscription = (c: Context<AppEnv>, id: string): Promise<Subscription> => readOrganizationSubscription(c.var.deps, actor(c), id);

/** The portal's management of the organization's subscriptions and webhooks: add, change filters, test, pause and resume, delete. */
export function portalSubscriptionRoutes(router: Router): void {
  router.on('POST', '/portal/subscriptions', AUTHENTICATED, async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const adding = addingCountry(values);
    if (adding) return sendPage(c, <PortalPage {...await portalData(c, adding)} />, { status: Object.keys(adding.errors).length ? 422 : 200, scripts: true });
    const person = actor(c);
    try {
      const created = await createSubscription(
        c.var.deps,
        { person, caller: { kind: 'person', personId: person.personId }, allowLoopbackWebhooks: c.var.deps.config.mode === 'local' },
        createInput(values),
      );
      const { subscription, secret } = created;
      if (secret && subscription.url) {
        // The secret is in this response only: never cached, never redirected through a URL.
        return sendPage(c, <PortalPage {...await portalData(c)} createdWebhook={{ url: subscription.url, secret }} />, { status: 201, scripts: true });
      }
      const notice = 'Added. We sent a confirmation link to that address: deliveries start once it is opened.';
      return sendPage(c, <PortalPage {...await portalData(c)} notice={notice} />, { status: 201, scripts: true });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(c, <PortalPage {...await portalData(c, { values, errors: formErrors(error, values) })} />, { status: 422, scripts: true });
    }
  });

  router.on('GET', '/portal/subscriptions/:id', AUTHENTICATED, async (c) => {
    const subscription = await ownSubscription(c, subscriptionId(c));
    return sendPage(c, <EditSubscriptionPage subscription={subscription} values={filterValues(subscription.filters)} sites={await ownSites(c)} />, { scripts: true });
  });

  router.on('POST', '/portal/subscriptions/:id', AUTHENTICATED, async (c) => {
    const id = subscriptionId(c);
    const values = formValues(await c.req.parseBody({ all: true }));
    const adding = addingCountry(values);
    if (adding) {
      const page = <EditSubscriptionPage subscription={await ownSubscription(c, id)} values={adding.values} errors={adding.errors} sites={await ownSites(c)} />;
      return sendPage(c, page, { status: Object.keys(adding.errors).length ? 422 : 200, scripts: true });
    }
    try {
      await updateOrganizationSubscriptionFilters(c.var.deps, actor(c), id, filtersInput(values));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const page = <EditSubscriptionPage subscription={await ownSubscription(c, id)} values={values} errors={formErrors(error, values)} sites={await ownSites(c)} />;
      return sendPage(c, page, { status: 422, scripts: true });
    }
    return c.redirect('/portal?done=updated', 303);
  });

  router.on('POST', '/portal/subscriptions/:id/test', AUTHENTICATED, async (c) => {
    const outcome = await sendTestWebhook(c.var.deps, actor(c), subscriptionId(c));
    return sendPage(c, <PortalPage {...await portalData(c)} notice={`Test delivery: ${outcome.words}`} />, { scripts: true });
  });

  for (const [action, paused] of [['pause', true], ['resume', false]] as const) {
    router.on('POST', `/portal/subscriptions/:id/${action}`, AUTHENTICATED, async (c) => {
      await setSubscriptionPaused(c.var.deps, actor(c), subscriptionId(c), paused);
      return c.redirect(`/portal?done=${paused ? 'paused' : 'resumed'}`, 303);
    });
  }

  // Deleting asks first: the button leads to a page that says what stops, whose own button confirms.
  router.on('POST', '/portal/subscriptions/:id/delete', AUTHENTICATED, async (c) => {
    const id = subscriptionId(c);
    const body = await c.req.parseBody();
    if (body.confirm !== 'yes') {
      const subscription = await ownSubscription(c, id);
      return sendPage(c, <EditSubscriptionPage subscription={subscription} values={filterValues(subscription.filters)} sites={[]} confirmDelete />, { scripts: true });
    }
    await deleteSubscription(c.var.deps, actor(c), id);
    return c.redirect('/portal?done=deleted', 303);
  });
}
