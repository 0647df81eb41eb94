/**
 * Matching throughput: how fast the delivery workers' matcher walks the
 * sharded subscription index (Query per scope and shard, never Scan) with 10,000 and 100,000
 * active email subscriptions in DynamoDB Local. Index items are written
 * directly with 16 parallel BatchWriteItem calls into a table without a
 * stream (nothing reads it here; DynamoDB Local writes ~9× faster without).
 * Bounded: one run per size, and the whole bench stops at BENCH_MATCH_BOUND_S
 * (default 240 s), reporting what it reached.
 *
 * `npx tsx bench/delivery-matching.ts [sizes…]` prints a Markdown section;
 * `runDeliveryMatchingBench()` returns it for bench/run.ts.
 */
import os from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import { createTable } from '../shared/adapters/dynamodb/create-table';
import { DynamoSubscriptionStore } from '../shared/adapters/dynamodb/subscription-repository';
import type { Version } from '../shared/domain/publication';
import { isCanonicalScope, planParts } from '../shared/domain/fan-out';
import { matchScopes, wantsVersion } from '../shared/services/match-scopes';
import { runPool } from '../shared/services/run-pool';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { benchSubscription, seedSubscriptions } from './seed-subscriptions';

const BOUND_MS = Number(process.env.BENCH_MATCH_BOUND_S ?? 240) * 1000;
const SCOPES = ['global', 'c:KE', 'r:AF'] as const;
/** Parts read at once, as that many concurrent workers would. */
const PARALLEL_PARTS = 8;

const version: Version = {
  id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', version: 1, regions: ['AF'], orgId: 'ORG', changeNote: '', major: true, publishedAt: '2030-01-01T00:00:00Z', publishedBy: 'p',
  content: { kind: 'security-alert', title: 't', countries: ['KE'], summary: 's', body: '', sharing: 'TLP:CLEAR', actions: ['a'] },
};

/** Runs the bench for each size and returns the results.md section. */
export async function runDeliveryMatchingBench(sizes: number[] = [10_000, 100_000]): Promise<string> {
  const ddb = await startDynamoDbLocal();
  const rows: string[] = [];
  const deadline = Date.now() + BOUND_MS;
  try {
    for (const n of sizes) {
      const label = n.toLocaleString('en-US');
      if (Date.now() > deadline) {
        rows.push(`| ${label} | — | — | — | — | — | not run: the ${BOUND_MS / 1000} s bound was spent |`);
        continue;
      }
      const table = `bench-match-${n}`;
      await createTable(new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), table, { stream: false });
      const db = createDocumentClient({ tableName: table, endpoint: ddb.endpoint });
      const seedStart = performance.now();
      const written = await seedSubscriptions(
        db,
        table,
        n,
        (i) => {
          const scope = SCOPES[i % 3]!;
          return { scope, subscription: benchSubscription(i, 'email', { countries: scope === 'c:KE' ? ['KE'] : [], regions: scope === 'r:AF' ? ['AF'] : [], kinds: [] }) };
        },
        { inFlight: 16, deadline },
      );
      const seedMs = performance.now() - seedStart;
      if (written < n) {
        rows.push(`| ${label} | — | — | — | — | — | ${(seedMs / 1000).toFixed(1)} s for ${written.toLocaleString('en-US')} items, then the ${BOUND_MS / 1000} s bound |`);
        continue;
      }
      const store = new DynamoSubscriptionStore(db, table);
      const scopes = matchScopes({ countries: version.content.countries, regions: version.regions });
      const start = performance.now();
      let matched = 0;
      let chunks = 0;
      // As the workers read a fan-out: every (scope, shard) part, several at once, in pages of 200.
      await runPool(planParts(scopes), PARALLEL_PARTS, async (part) => {
        let after: string | undefined;
        do {
          const page = await store.matchPage('email', part, 200, after);
          matched += page.items.filter((s) => wantsVersion(s, 'email', version) && isCanonicalScope(s, scopes, part.scope)).length;
          chunks += 1;
          after = page.last ?? undefined;
        } while (after !== undefined);
      });
      const ms = performance.now() - start;
      rows.push(`| ${label} | ${matched.toLocaleString('en-US')} | ${chunks} | ${(ms / 1000).toFixed(2)} s | ${Math.round(matched / (ms / 1000)).toLocaleString('en-US')} | ${(ms / chunks).toFixed(1)} ms | ${(seedMs / 1000).toFixed(1)} s |`);
      console.log(rows.at(-1));
    }
  } finally {
    await ddb.stop();
  }
  return [
    '## Delivery matching throughput',
    '',
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; DynamoDB Local (in memory); ${new Date().toISOString().slice(0, 10)}.`,
    'Every subscription matches (a third each under `global`, `c:KE`, `r:AF`); the 48 fan-out parts (3 scopes × 16 shards) read 8 at a time in pages of 200, as the email workers read them (Query per part, strongly consistent).',
    '',
    '| subscriptions | matched | chunks | time | matched/s | per chunk | setup (16 × BatchWrite in flight, no stream) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('delivery-matching.ts')) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  void runDeliveryMatchingBench(sizes.length ? sizes : undefined).then((section) => console.log(section));
}
