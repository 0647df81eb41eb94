/**
 * The single table, declared once. The local runtime creates it from this
 * declaration and the CDK stack builds the production table from it, so the
 * two cannot drift. Every access pattern is listed in docs/data-model.md.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Items with this numeric attribute (epoch seconds) are deleted by DynamoDB TTL. */
  ttlAttribute: 'ttl',
  stream: 'NEW_AND_OLD_IMAGES',
  indexes: [
    /** Per-organization listings: a publisher's workbench, API keys, subscriptions. */
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Work that falls due, sparse: scheduled publishes (while a working copy is scheduled) and messages held for quiet hours. */
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** Expiries, sparse: present only on published items with an end time. */
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
} as const;

export type IndexName = (typeof TABLE.indexes)[number]['name'];

/** Attributes that carry keys; all are strings. */
export const KEY_ATTRIBUTES = [TABLE.partitionKey, TABLE.sortKey, ...TABLE.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
