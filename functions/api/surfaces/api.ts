import type { ApiDeps } from '../../http/env';
import { composeApp, type ComposedApp, type Surface } from '../../http/compose-app';
import { accountRoutes } from '../routes/account';
import { deliveryRoutes } from '../routes/deliveries';
import { workflowRoutes } from '../routes/workflow';

/**
 * The JSON API for systems and publishers' tools, behind API keys: the
 * publishing workflow, keys, the account, the audit trail, the workbench and
 * delivery status. It sends no message and signs no link, so its function
 * holds neither SES, SNS nor the link key.
 */
export const apiSurface: Surface = {
  name: 'api',
  register(router) {
    workflowRoutes(router);
    accountRoutes(router);
    deliveryRoutes(router);
  },
};

/** The app of the Api function. */
export function createApiApp(deps: ApiDeps): ComposedApp {
  return composeApp(deps, [apiSurface]);
}
