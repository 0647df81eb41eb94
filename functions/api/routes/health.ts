import { PUBLIC } from '../../http/access';
import { HealthSchema } from '../openapi/schemas';
import type { Router } from '../../http/router';

export function healthRoutes(router: Router): void {
  router.on('GET', '/v1/health', PUBLIC, (c) => {
    c.header('cache-control', 'no-store');
    return c.json({ status: 'ok' });
  }, { summary: 'Liveness', tags: ['Health'], responses: { 200: { description: 'The API is up', content: { 'application/json': { schema: HealthSchema } } } } });
}
