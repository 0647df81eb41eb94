/**
 * Lambda event filter patterns for stream consumers (the event source
 * mapping's FilterCriteria), as data: `shared/topology.ts` declares them,
 * the CDK stack deploys them, and the local poller applies them.
 */

/** One condition of a stream filter pattern: a literal, or a prefix the value starts with. */
export type StreamFilterCondition = string | number | boolean | { readonly prefix: string };

/**
 * A Lambda event filter pattern over the stream record in its Lambda event
 * shape (`{dynamodb: {Keys, NewImage …}}`, attribute values typed as
 * `{S: …}`): nested objects name fields, a list holds the conditions of
 * which one must match.
 */
export interface StreamFilterPattern {
  readonly [field: string]: StreamFilterPattern | readonly StreamFilterCondition[];
}
