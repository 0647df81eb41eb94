import type { Router } from '../router';

/** Subscriptions: create, confirm, list, delete; personal-data export and erasure. */
export function subscriptionRoutes(router: Router): void {
  void router;
}
