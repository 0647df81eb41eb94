/** API, feeds and other machine paths: never session-authenticated, never HTML errors. */
export function isPagePath(path: string): boolean {
  return !/^\/(v1|feeds|cap|openapi\.json|docs|assets)(\/|$|\.)/.test(path);
}
