import type { Surface } from '../../http/compose-app';
import { outboxRoutes } from '../../../web/pages/outbox-routes';
import { devRoutes } from '../routes/dev';
import { devScheduleRoutes } from '../routes/dev-schedules';
import { PAGE_SUPPORT } from './pages';

/**
 * Local mode's developer routes: the outbox (JSON and pages), the SMS
 * opt-out stand-in and the schedules run on demand. Composed only by the local app; the JSON routes answer
 * 404 in any other mode and the pages are not registered there at all.
 */
export const devSurface: Surface = {
  name: 'dev',
  pages: PAGE_SUPPORT,
  register(router, context) {
    devRoutes(router);
    devScheduleRoutes(router);
    if (context.mode === 'local') outboxRoutes(router);
  },
};
