import * as z from 'zod';
import { CreateSafetyCheckSchema } from '../../../shared/domain/safety-check';
import { parseOrThrow } from '../../../shared/domain/validation';
import { NotFoundError } from '../../../shared/errors';
import { answerBySms } from '../../../shared/services/answer-safety-check';
import { listSafetyChecks, readSafetyCheck, startSafetyCheck } from '../../../shared/services/safety-checks';
import { AUTHENTICATED, PUBLIC } from '../../http/access';
import { readJson } from '../../http/json-body';
import { actor } from '../../http/middleware/auth';
import type { Router } from '../../http/router';
import { SafetyCheckCreatedSchema, SafetyCheckPageSchema, SafetyCheckSchema, SmsReplySchema } from '../openapi/duty-schemas';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const ListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(1024).optional() }).strict();
/** An inbound SMS as the local stand-in takes it; in AWS, two-way SMS arrives through SNS at its own function. */
const InboundSmsSchema = z.object({ from: z.string().min(1).max(32), text: z.string().max(1600) }).strict();
const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

/**
 * Safety checks: ask the organization's exposed travelers whether they are
 * safe and read the answers; the local stand-in for SMS replies. The
 * travelers' one-tap answer pages are in web/pages/safety-response-routes.tsx.
 */
export function safetyCheckRoutes(router: Router): void {
  router.on('POST', '/v1/safety-checks', AUTHENTICATED, async (c) => {
    const { check, sent, pending } = await startSafetyCheck(c.var.deps, actor(c), c.var.viewer, await readJson(c));
    c.header('cache-control', 'private, no-store');
    return c.json({ id: check.id, sent, pending, travelers: check.travelers }, 201);
  }, {
    summary: 'Ask every exposed traveler "are you safe?"',
    description:
      'Give `publicationId` (its exposed travelers: in its countries during its window) or `countries` (your travelers there today). Each traveler gets the `message` with a personal one-tap link (`/r/{token}`: "I am safe" or "I need help") and, by SMS, the reply keywords SAFE and HELP. `reminders` (default every 30 minutes, at most 3) go to those who have not answered. A "need help" answer emails the organization’s security contacts at once.',
    tags: ['Safety checks'],
    request: { body: CreateSafetyCheckSchema },
    responses: { 201: { description: 'The check, and how many travelers were sent the question', content: json(SafetyCheckCreatedSchema) } },
  });

  router.on('GET', '/v1/safety-checks', AUTHENTICATED, async (c) => {
    const { limit, cursor } = parseOrThrow(ListQuerySchema, c.req.query());
    c.header('cache-control', 'private, no-store');
    return c.json(await listSafetyChecks(c.var.deps, actor(c), limit, cursor));
  }, { summary: "Your organization's safety checks, newest first", tags: ['Safety checks'], request: { query: ListQuerySchema }, responses: { 200: { description: 'One page of checks', content: json(SafetyCheckPageSchema) } } });

  router.on('GET', '/v1/safety-checks/:id', AUTHENTICATED, async (c) => {
    const id = c.req.param('id') ?? '';
    if (!ULID.test(id)) throw new NotFoundError('Safety check');
    c.header('cache-control', 'private, no-store');
    return c.json(await readSafetyCheck(c.var.deps, actor(c), id));
  }, {
    summary: 'A safety check with the counts and every traveler’s answer',
    tags: ['Safety checks'],
    request: { params: z.object({ id: z.string().regex(ULID) }) },
    responses: { 200: { description: 'The check', content: json(SafetyCheckSchema) } },
  });

  router.on('POST', '/v1/inbound/sms', PUBLIC, async (c) => {
    if (c.var.deps.config.mode !== 'local') throw new NotFoundError('The inbound SMS stand-in (local mode only)');
    const { from, text } = parseOrThrow(InboundSmsSchema, await readJson(c));
    c.header('cache-control', 'no-store');
    return c.json(await answerBySms(c.var.deps, from, text));
  }, {
    summary: 'Local mode only: an SMS reply from a phone, as two-way SMS would deliver it',
    description: 'SAFE or HELP (the first word, any case) answers the newest safety check sent to a traveler with that number by SMS within 7 days. In AWS, replies arrive from AWS End User Messaging through SNS at the inbound-SMS function instead.',
    tags: ['Safety checks'],
    request: { body: InboundSmsSchema },
    responses: { 200: { description: 'The keyword read and how many checks it answered', content: json(SmsReplySchema) } },
    errors: [404],
  });
}
