import type { ApiDeps } from '../../http/env';
import { composeApp, type ComposedApp, type Surface } from '../../http/compose-app';
import { consoleRoutes } from '../../../web/pages/console-routes';
import { personalDataRoutes } from '../../../web/pages/personal-data-routes';
import { portalRoutes } from '../../../web/pages/portal-routes';
import { signInRoutes } from '../../../web/pages/sign-in-routes';
import { subscribeRoutes } from '../../../web/pages/subscribe-routes';
import { subscriptionRoutes } from '../routes/subscriptions';
import { PAGE_ERRORS } from './pages';

/**
 * Subscriptions and personal data in JSON: anyone may subscribe an address,
 * confirm, unsubscribe and ask for their data; members manage theirs. It
 * sends confirmation email and SMS.
 */
export const subscriptionsSurface: Surface = {
  name: 'subscriptions',
  register(router) {
    subscriptionRoutes(router);
  },
};

/**
 * The pages of people: sign-in by emailed link, the subscribe, manage,
 * unsubscribe and personal-data pages, the publishers' console and the members' portal. They
 * keep browser sessions and send sign-in and confirmation messages.
 */
export const peopleSurface: Surface = {
  name: 'people',
  pageErrors: PAGE_ERRORS,
  register(router) {
    signInRoutes(router);
    subscribeRoutes(router);
    personalDataRoutes(router);
    consoleRoutes(router);
    portalRoutes(router);
  },
};

/** The app of the Web function: everything that sends messages or holds a session. */
export function createWebApp(deps: ApiDeps): ComposedApp {
  return composeApp(deps, [subscriptionsSurface, peopleSurface]);
}
