import { PUBLIC } from '../access';
import type { Router } from '../router';

export function healthRoutes(router: Router): void {
  router.on('GET', '/v1/health', PUBLIC, (c) => {
    c.header('cache-control', 'no-store');
    return c.json({ status: 'ok' });
  });
}
