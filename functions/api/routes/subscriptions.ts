import type { Context } from 'hono';
import { ChannelSchema } from '../../../shared/domain/channel';
import * as z from 'zod';
import { DeliveryHealthViewSchema, describeHealth } from '../../../shared/domain/delivery-health';
import { describeSubscription } from '../../../shared/domain/subscription';
import { parseOrThrow } from '../../../shared/domain/validation';
import { ForbiddenError, NotFoundError } from '../../../shared/errors';
import { confirmSubscription } from '../../../shared/services/confirm-subscription';
import { createSubscription } from '../../../shared/services/create-subscription';
import { deleteSubscription } from '../../../shared/services/delete-subscription';
import { erasePersonalData } from '../../../shared/services/erase-personal-data';
import { exportPersonalData } from '../../../shared/services/export-personal-data';
import { listSubscriptions } from '../../../shared/services/list-subscriptions';
import { readDeliveryHealth } from '../../../shared/services/read-delivery-health';
import { requestPersonalData } from '../../../shared/services/request-personal-data';
import { unsubscribeSubscription } from '../../../shared/services/unsubscribe-subscription';
import { AUTHENTICATED, PUBLIC } from '../../http/access';
import type { AppEnv } from '../../http/env';
import { readJson } from '../../http/json-body';
import { actor } from '../../http/middleware/auth';
import type { Router } from '../../http/router';
import { messageCaller } from '../../http/client-address';
import { uniformTiming } from '../../http/uniform-timing';

const ListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(1024).optional() }).strict();
/** Where an old message link leads: the page, and the POST that does what the link names. */
const LinkTargetSchema = z.object({ page: z.url(), action: z.object({ method: z.literal('POST'), path: z.string() }) });
const TokenQuerySchema = z.object({ token: z.string().min(1).max(2048).optional() }).loose();
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Documents what the list adds to each subscription; the other fields are those of `describeSubscription`. */
const SubscriptionListSchema = z.object({
  items: z.array(z.object({ id: z.string(), channel: ChannelSchema, status: z.string(), health: DeliveryHealthViewSchema.optional() }).loose()),
  cursor: z.string().nullable(),
});

function token(c: Context<AppEnv>): string | undefined {
  return parseOrThrow(TokenQuerySchema, c.req.query()).token;
}

/** Personal data and link answers are never cached, by browsers or CloudFront. */
function noStore(c: Context<AppEnv>): void {
  c.header('cache-control', 'private, no-store');
  c.header('referrer-policy', 'no-referrer');
}

/**
 * Subscriptions: create, confirm, unsubscribe, list, delete; personal-data
 * export and erasure. Confirm and unsubscribe change state on POST only;
 * the links in messages open the pages of web/pages/subscribe-routes.tsx.
 */
export function subscriptionRoutes(router: Router): void {
  router.on(
    'POST',
    '/v1/subscriptions',
    PUBLIC,
    async (c) => {
      const viewer = c.var.viewer;
      if (viewer.kind === 'person' && !c.var.scopes?.includes('write')) throw new ForbiddenError('This API key lacks the "write" scope.');
      const person = viewer.kind === 'person' ? actor(c) : undefined;
      const created = await createSubscription(
        c.var.deps,
        { person, caller: messageCaller(c), allowLoopbackWebhooks: c.var.deps.config.mode === 'local' },
        await readJson(c),
      );
      noStore(c);
      // The address goes back only to the organization it belongs to; an anonymous caller already knows what they typed.
      const view = describeSubscription(created.subscription, { showAddress: person !== undefined });
      return c.json(created.secret ? { ...view, secret: created.secret } : view, 201);
    },
    {
      summary: 'Subscribe an email address, phone number or webhook to alerts',
      description:
        'Without a key: an anonymous email or SMS subscription to public (TLP:CLEAR) content. With a key: a subscription of your organization. Email and SMS start pending; a confirmation link is sent at once. Webhooks need a key, start active and return their signing secret once.',
      tags: ['Subscriptions'],
      responses: { 201: { description: 'The subscription (with `secret` for webhooks, this once)' } },
      errors: [401, 403, 422, 429],
    },
  );

  router.on(
    'GET',
    '/v1/subscriptions',
    AUTHENTICATED,
    async (c) => {
      const { limit, cursor } = parseOrThrow(ListQuerySchema, c.req.query());
      const page = await listSubscriptions(c.var.deps, actor(c), limit, cursor);
      const health = await readDeliveryHealth(c.var.deps, page.items);
      noStore(c);
      return c.json({
        items: page.items.map((s) => {
          const h = health.get(s.id);
          return { ...describeSubscription(s, { showAddress: true }), ...(h ? { health: describeHealth(h) } : {}) };
        }),
        cursor: page.cursor,
      });
    },
    {
      summary: "Your organization's subscriptions, newest first",
      description:
        'Each item may carry `health`: delivery counts across all publications (`sent`, `failed`, `deadLettered`, `retried`), `consecutiveFailures` since the last success, and the last attempt, success and failure (with a reason code such as `http-500` or `timeout`). It is absent until a delivery to the subscription has settled.',
      tags: ['Subscriptions'],
      request: { query: ListQuerySchema },
      responses: { 200: { description: 'One page of subscriptions, each with its delivery health when it has one', content: { 'application/json': { schema: SubscriptionListSchema } } } },
    },
  );

  router.on(
    'DELETE',
    '/v1/subscriptions/:id',
    AUTHENTICATED,
    async (c) => {
      const id = c.req.param('id') ?? '';
      if (!ULID.test(id)) throw new NotFoundError('Subscription');
      await deleteSubscription(c.var.deps, actor(c), id);
      noStore(c);
      return c.body(null, 204);
    },
    { summary: "Delete one of your organization's subscriptions for good", tags: ['Subscriptions'], responses: { 204: { description: 'Deleted' } } },
  );

  // Links in messages open pages; a GET here (a link in a message sent before they did) changes nothing and leads to the page.
  /**
   * An old link: changes nothing. A browser (it accepts HTML) is sent to the
   * page whose button POSTs; a program gets the page and the POST to make, as JSON.
   */
  const toPage = (page: string, action: string) => (c: Context<AppEnv>) => {
    noStore(c);
    const value = token(c);
    const query = value ? `?token=${encodeURIComponent(value)}` : '';
    const pageUrl = `${c.var.deps.config.baseUrl}${page}${query}`;
    if ((c.req.header('accept') ?? '').includes('text/html')) return c.redirect(pageUrl, 303);
    return c.json({ page: pageUrl, action: { method: 'POST', path: `${action}${query}` } });
  };
  const pageRedirect = (page: string) => ({
    200: { description: `Changes nothing. For a program: the page ${page} and the POST that acts`, content: { 'application/json': { schema: LinkTargetSchema } } },
    303: { description: `Changes nothing. For a browser (Accept: text/html): leads to the page ${page}, whose button acts with a POST`, headers: { Location: { description: `${page}?token=…` } } },
  });

  router.on('GET', '/v1/subscriptions/confirm', PUBLIC, toPage('/subscribe/confirm', '/v1/subscriptions/confirm'), {
    summary: 'An old confirmation link: leads to the confirmation page',
    description: 'Mail scanners follow links with GET and HEAD, so a GET never confirms. Confirm with POST.',
    tags: ['Subscriptions'],
    responses: pageRedirect('/subscribe/confirm'),
  });

  router.on(
    'POST',
    '/v1/subscriptions/confirm',
    PUBLIC,
    async (c) => {
      const subscription = await confirmSubscription(c.var.deps, token(c));
      noStore(c);
      return c.json({ id: subscription.id, channel: subscription.channel, status: subscription.status });
    },
    {
      summary: 'Confirm a subscription with the token of its confirmation link (pending → active)',
      description: 'The `token` query parameter is the one in the link the confirmation message carries (`/subscribe/confirm?token=…`).',
      tags: ['Subscriptions'],
      responses: { 200: { description: 'The subscription is active' } },
      errors: [400, 409, 410],
    },
  );

  router.on('GET', '/v1/subscriptions/unsubscribe', PUBLIC, toPage('/subscribe/unsubscribe', '/v1/subscriptions/unsubscribe'), {
    summary: 'An old unsubscribe link: leads to the unsubscribe page',
    description: 'A GET never unsubscribes (mail scanners follow links). Unsubscribe with POST.',
    tags: ['Subscriptions'],
    responses: pageRedirect('/subscribe/unsubscribe'),
  });
  // RFC 8058 one-click: the mailbox provider POSTs `List-Unsubscribe=One-Click`; the token in the URL is what counts.
  router.on(
    'POST',
    '/v1/subscriptions/unsubscribe',
    PUBLIC,
    async (c) => {
      const result = await unsubscribeSubscription(c.var.deps, token(c));
      noStore(c);
      return c.json(result);
    },
    { summary: 'Unsubscribe with the token of an unsubscribe link (also RFC 8058 one-click)', tags: ['Subscriptions'], responses: { 200: { description: 'The subscription is ended' } }, errors: [400, 410] },
  );

  router.on(
    'POST',
    '/v1/personal-data/requests',
    PUBLIC,
    // The same answer, at the same time, whether or not anything is held for the address.
    uniformTiming(async (c) => {
      await requestPersonalData(c.var.deps, messageCaller(c), await readJson(c));
      noStore(c);
      return c.json({ status: 'accepted', detail: 'If Outpost holds personal data for this address, a link to see or delete it has been sent there.' }, 202);
    }),
    { summary: 'Ask for a link to export or erase the personal data held for an address', tags: ['Personal data'], responses: { 202: { description: 'Accepted (always)' } }, errors: [422, 429] },
  );

  router.on(
    'GET',
    '/v1/personal-data/export',
    PUBLIC,
    async (c) => {
      const data = await exportPersonalData(c.var.deps, token(c));
      noStore(c);
      const erase = new URL(c.req.url);
      erase.pathname = '/v1/personal-data/erase';
      return c.json({ ...data, erase: { method: 'POST', href: `${c.var.deps.config.baseUrl}${erase.pathname}${erase.search}` } });
    },
    { summary: 'Everything held for an address (signed link)', tags: ['Personal data'], responses: { 200: { description: 'The address, its subscriptions, the traveler records holding it (each with its organization’s display name, trips and safety-check answers), the site contact entries holding it and the organizations naming it as a security contact' } }, errors: [400, 404, 410] },
  );

  router.on(
    'POST',
    '/v1/personal-data/erase',
    PUBLIC,
    async (c) => {
      const result = await erasePersonalData(c.var.deps, token(c));
      noStore(c);
      return c.json(result);
    },
    { summary: 'Delete everything held for an address for good (signed link)', tags: ['Personal data'], responses: { 200: { description: 'What was erased: subscriptions deleted, travelers deleted or left with their other address, safety-check answers anonymised, site contact entries changed, organizations whose security contacts lost it' } }, errors: [400, 410] },
  );
}
