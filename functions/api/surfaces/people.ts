import type { ApiDeps } from '../../http/env';
import { composeApp, type ComposedApp, type Surface } from '../../http/compose-app';
import { consoleRoutes } from '../../../web/pages/console-routes';
import { personalDataRoutes } from '../../../web/pages/personal-data-routes';
import { portalRoutes } from '../../../web/pages/portal-routes';
import { portalSubscriptionRoutes } from '../../../web/pages/portal-subscription-routes';
import { signInRoutes } from '../../../web/pages/sign-in-routes';
import { subscribeRoutes } from '../../../web/pages/subscribe-routes';
import { safetyResponseRoutes } from '../../../web/pages/safety-response-routes';
import { travelerPortalRoutes } from '../../../web/pages/traveler-portal-routes';
import { safetyCheckRoutes } from '../routes/safety-checks';
import { siteRoutes } from '../routes/sites';
import { subscriptionRoutes } from '../routes/subscriptions';
import { travelerRoutes } from '../routes/travelers';
import { reviewRoutes } from '../routes/workflow';
import { consoleFindRoutes } from '../../../web/pages/console-find-routes';
import { PAGE_SUPPORT } from './pages';

/**
 * Subscriptions and personal data in JSON: anyone may subscribe an address,
 * confirm, unsubscribe and ask for their data; members manage theirs, their
 * sites, and their travelers, trips and safety checks (duty of care); and
 * the publishing workflow's review steps. It sends confirmation email and
 * SMS, safety-check messages and review notifications.
 */
export const subscriptionsSurface: Surface = {
  name: 'subscriptions',
  register(router) {
    subscriptionRoutes(router);
    siteRoutes(router);
    travelerRoutes(router);
    safetyCheckRoutes(router);
    reviewRoutes(router);
  },
};

/**
 * The pages of people: sign-in by emailed link, the subscribe, manage,
 * unsubscribe and personal-data pages, the publishers' console, the members' portal (with its
 * travelers) and the travelers' one-tap safety answers. They
 * keep browser sessions and send sign-in and confirmation messages.
 */
export const peopleSurface: Surface = {
  name: 'people',
  pages: PAGE_SUPPORT,
  register(router) {
    signInRoutes(router);
    subscribeRoutes(router);
    personalDataRoutes(router);
    consoleRoutes(router);
    consoleFindRoutes(router);
    portalRoutes(router);
    portalSubscriptionRoutes(router);
    travelerPortalRoutes(router);
    safetyResponseRoutes(router);
  },
};

/** The app of the Web function: everything that sends messages or holds a session. */
export function createWebApp(deps: ApiDeps): ComposedApp {
  return composeApp(deps, [subscriptionsSurface, peopleSurface]);
}
