import type { Context } from 'hono';
import { PUBLIC } from '../../functions/http/access';
import type { AppEnv } from '../../functions/http/env';
import { actor } from '../../functions/http/middleware/auth';
import type { Router } from '../../functions/http/router';
import { clientAddress } from '../../functions/http/client-address';
import { findCountry } from '../../shared/domain/country';
import { RateLimitedError, ValidationError } from '../../shared/errors';
import { confirmSubscription, previewConfirmation } from '../../shared/services/confirm-subscription';
import { createSubscription } from '../../shared/services/create-subscription';
import { readAccount } from '../../shared/services/read-account';
import { manageLink, unsubscribeToken } from '../../shared/services/subscription-links';
import { unsubscribeByCode, unsubscribeSubscription } from '../../shared/services/unsubscribe-subscription';
import { readManagedSubscription, updateSubscriptionFilters } from '../../shared/services/update-subscription-filters';
import { UnsubscribeCodeSchema, type Subscription } from '../../shared/domain/subscription';
import { countryIssues, resolveCountries } from '../components/country-picker';
import { groupIssues, quotingValue, type FieldErrors } from '../components/form';
import { formValues, type FormValues } from './publication-form';
import { boundedToken, linkHeaders, linkProblem, postedToken } from './link-pages';
import { sendPage } from './respond';
import { filtersInput } from './subscription-input';
import { timingInput, timingValues } from './timing-form';
import { CheckInboxPage, FORM_CHANNELS, SUBSCRIBE_LABELS, SubscribeFormPage } from './subscribe';
import { ConfirmedPage, ConfirmSubscriptionPage, filterValues, LinkProblemPage, ManagePage, UnsubscribedPage, UnsubscribePage } from './subscription-link-pages';

const COUNTRY_CODE = /^[A-Za-z]{2}$/;
const KNOWN_FIELDS = new Set(Object.keys(SUBSCRIBE_LABELS));
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

/** The form channel chosen; the first one when the posted value names none of them (the service then names `channel`). */
const formChannel = (values: FormValues) => FORM_CHANNELS.find((c) => c.channel === values.channel) ?? FORM_CHANNELS[0]!;

/** The create-subscription input from the posted form: the address comes from the chosen channel's own field. */
function subscriptionInput(values: FormValues) {
  const address = values[formChannel(values).form.field] ?? '';
  return {
    channel: String(values.channel ?? ''),
    address: typeof address === 'string' ? address.trim() : '',
    ...filtersInput(values),
    ...timingInput(values, false),
  };
}

/** The update input from the posted manage form: filters, and timing where the channel has it. */
const updateInput = (values: FormValues) => ({ ...filtersInput(values), ...timingInput(values, true) });

/** The manage page for a subscription read through its token; a fresh unsubscribe token backs its one-click button. */
function managePage(c: Context<AppEnv>, subscription: Subscription, token: string, extra: { values?: FormValues; errors?: FieldErrors; saved?: boolean } = {}) {
  const page = (
    <ManagePage
      subscription={subscription}
      token={token}
      unsubscribeToken={unsubscribeToken(c.var.deps, subscription)}
      values={extra.values ?? { ...filterValues(subscription.filters), ...timingValues(subscription) }}
      {...(extra.errors ? { errors: extra.errors } : {})}
      saved={extra.saved ?? false}
    />
  );
  return sendPage(c, page, { status: extra.errors ? 422 : 200, noStore: true, scripts: true });
}

/** The country picker's "Add" without JavaScript: show the form again with the country added, saving nothing. */
function addingCountry(values: FormValues): { codes: string[]; errors?: FieldErrors } | undefined {
  if (values.intent !== 'add-country') return undefined;
  const { codes, unknown } = resolveCountries(many(values.countries));
  return unknown.length ? { codes, errors: groupIssues(countryIssues([], unknown), KNOWN_FIELDS) } : { codes };
}

/** The service's issues in the form's words: a country it refused is quoted as typed. */
const formIssues = (error: ValidationError, values: FormValues) => countryIssues(error.issues, resolveCountries(many(values.countries)).unknown);

async function signedInOrg(c: Context<AppEnv>): Promise<string | undefined> {
  if (c.var.viewer.kind !== 'person') return undefined;
  return (await readAccount(c.var.deps, actor(c))).organization?.name ?? 'your organization';
}

/** Subscribe without JavaScript; confirm, manage and unsubscribe pages reached from the links in messages. */
export function subscribeRoutes(router: Router): void {
  router.on('GET', '/subscribe', PUBLIC, async (c) => {
    const cc = c.req.query('country') ?? '';
    const country = COUNTRY_CODE.test(cc) ? findCountry(cc.toUpperCase()) : undefined;
    return sendPage(c, <SubscribeFormPage values={country ? { countries: [country.code] } : {}} country={country} signedInOrg={await signedInOrg(c)} />, { scripts: true });
  });

  router.on('POST', '/subscribe', PUBLIC, async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const input = subscriptionInput(values);
    const person = c.var.viewer.kind === 'person' ? actor(c) : undefined;
    c.header('cache-control', 'no-store');
    const adding = addingCountry(values);
    if (adding) {
      const page = <SubscribeFormPage values={{ ...values, countries: adding.codes }} errors={adding.errors ?? {}} signedInOrg={await signedInOrg(c)} />;
      return sendPage(c, page, { status: adding.errors ? 422 : 200, scripts: true });
    }
    try {
      await createSubscription(
        c.var.deps,
        { person, caller: person ? { kind: 'person', personId: person.personId } : { kind: 'anonymous', clientAddress: clientAddress(c) }, allowLoopbackWebhooks: false },
        input,
      );
    } catch (error) {
      if (error instanceof ValidationError) {
        // The service names `address`; the form has one field per channel.
        const field = formChannel(values).form.field;
        const issues = formIssues(error, values).map((i) => (i.path.split('.')[0] === 'address' ? { ...quotingValue(i, values[field]), path: field } : i));
        const errors = groupIssues(issues, KNOWN_FIELDS);
        return sendPage(c, <SubscribeFormPage values={values} errors={errors} signedInOrg={await signedInOrg(c)} />, { status: 422, scripts: true });
      }
      if (error instanceof RateLimitedError) {
        c.header('retry-after', String(error.retryAfterSeconds));
        return sendPage(c, <LinkProblemPage title="Too many requests" message={error.message} />, { status: 429 });
      }
      throw error;
    }
    return sendPage(c, <CheckInboxPage form={formChannel(values).form} address={input.address} local={c.var.deps.config.mode === 'local'} />);
  });

  // The confirmation link in the message: GET shows what it confirms and a button; only the button's POST confirms.
  router.on('GET', '/subscribe/confirm', PUBLIC, async (c) => {
    linkHeaders(c);
    const token = c.req.query('token') ?? '';
    try {
      return await sendPage(c, <ConfirmSubscriptionPage subscription={await previewConfirmation(c.var.deps, boundedToken(token))} token={token} />, { noStore: true });
    } catch (error) {
      return linkProblem(c, error);
    }
  });

  router.on('POST', '/subscribe/confirm', PUBLIC, async (c) => {
    linkHeaders(c);
    try {
      const subscription = await confirmSubscription(c.var.deps, await postedToken(c));
      return await sendPage(c, <ConfirmedPage subscription={subscription} manageUrl={manageLink(c.var.deps, subscription)} />, { noStore: true });
    } catch (error) {
      return linkProblem(c, error);
    }
  });

  // The manage link in every alert email: the token is the credential, so no sign-in; GET only shows, POST changes.
  router.on('GET', '/subscribe/manage', PUBLIC, async (c) => {
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    const token = c.req.query('token') ?? '';
    try {
      return await managePage(c, await readManagedSubscription(c.var.deps, token), token);
    } catch (error) {
      return linkProblem(c, error);
    }
  });

  router.on('POST', '/subscribe/manage', PUBLIC, async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const token = typeof values.token === 'string' ? values.token : '';
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    const adding = addingCountry(values);
    if (adding) {
      try {
        const subscription = await readManagedSubscription(c.var.deps, token);
        return await managePage(c, subscription, token, { values: { ...values, countries: adding.codes }, ...(adding.errors ? { errors: adding.errors } : {}) });
      } catch (error) {
        return linkProblem(c, error);
      }
    }
    try {
      const updated = await updateSubscriptionFilters(c.var.deps, token, updateInput(values));
      return await managePage(c, updated, token, { saved: true });
    } catch (error) {
      if (error instanceof ValidationError) {
        try {
          const subscription = await readManagedSubscription(c.var.deps, token);
          return await managePage(c, subscription, token, { values, errors: groupIssues(formIssues(error, values), KNOWN_FIELDS) });
        } catch (again) {
          return linkProblem(c, again);
        }
      }
      return linkProblem(c, error);
    }
  });

  // The unsubscribe link in every message (and its List-Unsubscribe header): GET shows one button, so a scanner unsubscribes nobody.
  router.on('GET', '/subscribe/unsubscribe', PUBLIC, (c) => {
    linkHeaders(c);
    const token = boundedToken(c.req.query('token'));
    if (!token) return sendPage(c, <LinkProblemPage title="This link is not valid" message="Use the unsubscribe link from the most recent message you received." />, { status: 400 });
    return sendPage(c, <UnsubscribePage token={token} />, { noStore: true });
  });

  // The short SMS link `/u/<code>`: GET shows the one button (so a link preview unsubscribes nobody), POST ends the subscription.
  router.on('GET', '/u/:code', PUBLIC, (c) => {
    const code = (c.req.param('code') ?? '').toLowerCase();
    if (!UnsubscribeCodeSchema.safeParse(code).success) {
      return sendPage(c, <LinkProblemPage title="This link is not valid" message="Use the unsubscribe link from the most recent message you received." />, { status: 400 });
    }
    return sendPage(c, <UnsubscribePage action={`/u/${code}`} />);
  });

  router.on('POST', '/u/:code', PUBLIC, async (c) => {
    c.header('cache-control', 'no-store');
    try {
      await unsubscribeByCode(c.var.deps, c.req.param('code'));
      return sendPage(c, <UnsubscribedPage />);
    } catch (error) {
      return linkProblem(c, error);
    }
  });

  // The page's button, and RFC 8058 one-click: a mailbox provider POSTs `List-Unsubscribe=One-Click` to the link itself, token in the URL.
  router.on('POST', '/subscribe/unsubscribe', PUBLIC, async (c) => {
    linkHeaders(c);
    try {
      await unsubscribeSubscription(c.var.deps, await postedToken(c));
      return await sendPage(c, <UnsubscribedPage />, { noStore: true });
    } catch (error) {
      return linkProblem(c, error);
    }
  });
}
