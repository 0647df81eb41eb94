import type { Router } from '../router';

/** Public feeds (RSS, Atom, JSON Feed, CAP, iCalendar). */
export function feedRoutes(router: Router): void {
  void router;
}
