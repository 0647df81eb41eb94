import * as z from 'zod';
import { parseOrThrow } from '../../../shared/domain/validation';
import { NotFoundError } from '../../../shared/errors';
import type { DevSchedules } from '../../../shared/ports/dev-schedules';
import { PUBLIC } from '../../http/access';
import type { Context } from 'hono';
import type { AppEnv } from '../../http/env';
import { readJson } from '../../http/json-body';
import type { Router } from '../../http/router';

const ScheduleNameSchema = z.string().regex(/^[a-z][a-z-]{0,62}$/);

/** What a run may say: the instant the run takes for now (digests due at that instant, held messages whose quiet hours ended by then). */
const RunScheduleSchema = z.strictObject({ at: z.iso.datetime({ offset: true }).optional() });

const ScheduleSchema = z.object({ name: z.string(), description: z.string(), expression: z.string().describe('When it runs in AWS (EventBridge)') });

function schedulesOf(c: Context<AppEnv>): DevSchedules {
  const schedules = c.var.deps.config.mode === 'local' ? c.var.deps.schedules : undefined;
  if (!schedules) throw new NotFoundError('The schedules (local mode only)');
  return schedules;
}

/**
 * Local mode only, like the outbox: the topology's schedules by name, and
 * a way to run one now, optionally as if at another instant, so digests
 * and held messages can be tried without waiting for 08:00. 404 in AWS,
 * where EventBridge runs them.
 */
export function devScheduleRoutes(router: Router): void {
  router.on('GET', '/v1/dev/schedules', PUBLIC, (c) => {
    c.header('cache-control', 'no-store');
    return c.json(schedulesOf(c).list());
  }, {
    summary: 'Local mode only: the schedules (digests, held messages, publishing, expiry)',
    tags: ['Deliveries'],
    responses: { 200: { description: 'Every schedule by name', content: { 'application/json': { schema: z.array(ScheduleSchema) } } } },
    errors: [404],
  });

  router.on('POST', '/v1/dev/schedules/:name/run', PUBLIC, async (c) => {
    const schedules = schedulesOf(c);
    const name = c.req.param('name') ?? '';
    const { at } = parseOrThrow(RunScheduleSchema, (await readJson(c, { optional: true })) ?? {});
    const result = ScheduleNameSchema.safeParse(name).success ? await schedules.run(name, at) : undefined;
    if (!result) throw new NotFoundError(`Schedule ${name}`);
    c.header('cache-control', 'no-store');
    return c.json(result);
  }, {
    summary: 'Local mode only: run a schedule now, optionally as if at another instant',
    tags: ['Deliveries'],
    request: { params: z.object({ name: ScheduleNameSchema }), body: RunScheduleSchema },
    responses: { 200: { description: 'What the run did (for `send-digests`: the zones it queued; the workers send them)', content: { 'application/json': { schema: z.looseObject({ task: z.string() }) } } } },
    errors: [404, 422],
  });
}
