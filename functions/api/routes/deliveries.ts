import { DeliveryStatusSchema } from '../openapi/schemas';
import * as z from 'zod';
import { readDeliveryStatus } from '../../../shared/services/deliver-status';
import { roles } from '../../http/access';
import { actor } from '../../http/middleware/auth';
import type { Router } from '../../http/router';
import { IdSchema, publicationId } from './publication-id';

/** Delivery status for publishers. */
export function deliveryRoutes(router: Router): void {
  /** Per version and channel: matched, sent, failed, dead-lettered and pending deliveries. Own organization only. */
  router.on('GET', '/v1/publications/:id/deliveries', roles('publisher'), async (c) => {
    const id = publicationId(c);
    c.header('cache-control', 'private, no-store');
    return c.json(await readDeliveryStatus(c.var.deps, actor(c), id));
  }, {
    summary: 'Delivery status per version and channel (own organization)',
    tags: ['Deliveries'],
    request: { params: z.object({ id: IdSchema }) },
    responses: { 200: { description: 'Per version (newest first) and channel: counts and where the fan-out stands', content: { 'application/json': { schema: DeliveryStatusSchema } } } },
  });
}
