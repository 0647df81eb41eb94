/**
 * Once, after deploying the trip shard and subscribed-address marks (or
 * their per-channel form) to a table that already holds trips or
 * subscriptions, when the deploy has finished (docs/decisions/0085, 0086):
 * `TABLE_NAME=<table> npx tsx scripts/backfill-marks.ts` (with
 * `DYNAMODB_ENDPOINT=http://127.0.0.1:8000` for DynamoDB Local). Safe to
 * repeat and to run beside live traffic.
 */
import { backfillMarks } from '../shared/adapters/dynamodb/backfill-marks';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';

const tableName = process.env.TABLE_NAME;
if (!tableName) {
  console.error('TABLE_NAME is required');
  process.exit(2);
}
const endpoint = process.env.DYNAMODB_ENDPOINT;
const db = createDocumentClient({ tableName, ...(endpoint ? { endpoint } : {}) });
const written = await backfillMarks(db, tableName);
console.log(
  `listed ${written.travelerTrips} trips under their travelers, marked ${written.tripShards} trip shards (per channel) and ${written.addresses} subscribed addresses, removed ${written.legacyRemoved} channel-agnostic marks in ${tableName}`,
);
