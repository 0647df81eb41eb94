import * as z from 'zod';
import { PhoneNumberSchema } from '../../../shared/domain/phone';
import { parseOrThrow } from '../../../shared/domain/validation';
import { NotFoundError } from '../../../shared/errors';
import { readOutbox } from '../../../shared/services/read-outbox';
import { PUBLIC } from '../../http/access';
import { readJson } from '../../http/json-body';
import type { Router } from '../../http/router';

/** A simulated STOP reply: the number to put on the local carrier opt-out list. */
const OptOutSchema = z.strictObject({ phoneNumber: PhoneNumberSchema });

/** Local mode's developer routes: the outbox and the stand-in for the carrier's SMS opt-out list. Composed locally only; each answers 404 outside local mode. */
export function devRoutes(router: Router): void {
  /**
   * Local mode only (docs/architecture.md): the emails and SMS "sent", newest first.
   * Public there, like the rest of the demo; in AWS there is no outbox and the route is a 404.
   */
  router.on('GET', '/v1/dev/outbox', PUBLIC, (c) => {
    const records = c.var.deps.config.mode === 'local' ? readOutbox(c.var.deps) : undefined;
    if (!records) throw new NotFoundError('The outbox (local mode only)');
    c.header('cache-control', 'no-store');
    return c.json(
      records.map((r) => ({
        id: r.id,
        channel: r.channel,
        to: r.to,
        ...(r.subject !== undefined ? { subject: r.subject } : {}),
        text: r.text,
        ...(r.html !== undefined ? { html: r.html } : {}),
        ...(r.headers ? { headers: r.headers } : {}),
        createdAt: r.createdAt,
      })),
    );
  }, {
    summary: 'Local mode only: the emails and SMS "sent", newest first',
    tags: ['Deliveries'],
    responses: {
      200: {
        description: 'The outbox',
        content: { 'application/json': { schema: z.array(z.looseObject({ id: z.string(), channel: z.string(), to: z.string(), subject: z.string().optional(), text: z.string(), html: z.string().optional(), createdAt: z.string() })) } },
      },
    },
    errors: [404],
  });

  /**
   * Local mode only: puts a number on the stand-in for the carrier's SMS
   * opt-out list, as if it had replied STOP. SMS to it are refused from now
   * on (the subscription is suspended at its next alert), and the daily
   * `reconcile-sms-opt-outs` schedule pauses its subscriptions. 404 in AWS.
   */
  router.on('POST', '/v1/dev/sms-opt-outs', PUBLIC, async (c) => {
    const optOuts = c.var.deps.config.mode === 'local' ? c.var.deps.smsOptOuts : undefined;
    if (!optOuts) throw new NotFoundError('The SMS opt-out list (local mode only)');
    const { phoneNumber } = parseOrThrow(OptOutSchema, await readJson(c));
    optOuts.optOut(phoneNumber);
    c.header('cache-control', 'no-store');
    return c.body(null, 204);
  }, {
    summary: 'Local mode only: opt a phone number out of SMS, as a STOP reply would',
    tags: ['Deliveries'],
    request: { body: OptOutSchema },
    responses: { 204: { description: 'The number is on the local opt-out list' } },
    errors: [404, 422],
  });
}
