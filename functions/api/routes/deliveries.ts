import type { Router } from '../router';

/** Delivery status for publishers, and the local-mode outbox. */
export function deliveryRoutes(router: Router): void {
  void router;
}
