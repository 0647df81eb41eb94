import type { Router } from '../../functions/api/router';

/** Server-rendered public pages; registered on the same app as the API. */
export function pageRoutes(router: Router): void {
  void router;
}
