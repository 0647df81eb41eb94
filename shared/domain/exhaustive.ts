/**
 * Marks the end of an exhaustive `switch` over a union: once every member
 * has its `case`, the value left here is `never` and this compiles. Adding a
 * member to the union (a kind, a channel, a feed format) then fails the
 * typecheck at every switch that does not handle it yet, instead of falling
 * through silently at run time.
 *
 * @example
 * switch (content.kind) {
 *   case 'travel-advisory': return …;
 *   // … one case per kind …
 *   default: return assertNever(content.kind, 'kind');
 * }
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
