import type { Router } from '../router';

/** The OpenAPI document and its reference UI. */
export function referenceRoutes(router: Router): void {
  void router;
}
