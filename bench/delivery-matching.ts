/**
 * Matching throughput: how fast the delivery workers' matcher walks the
 * subscription index (Query per scope, never Scan) with 10,000 and 100,000
 * active email subscriptions in DynamoDB Local. Index items are written
 * directly with BatchWriteItem to set up. Bounded: one run per size.
 *
 * `npx tsx bench/delivery-matching.ts [sizes…]` prints a Markdown section;
 * `runDeliveryMatchingBench()` returns it for bench/run.ts.
 */
import os from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import { createTable } from '../shared/adapters/dynamodb/create-table';
import { keys } from '../shared/adapters/dynamodb/keys';
import { DynamoSubscriptionStore } from '../shared/adapters/dynamodb/subscription-repository';
import type { Version } from '../shared/domain/publication';
import type { Subscription } from '../shared/domain/subscription';
import { matchScopes, matchSubscribers, START, type MatchPosition } from '../shared/services/match-subscribers';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';

const version: Version = {
  id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', version: 1, regions: ['AF'], orgId: 'ORG', changeNote: '', major: true, publishedAt: '2030-01-01T00:00:00Z', publishedBy: 'p',
  content: { kind: 'security-alert', title: 't', countries: ['KE'], summary: 's', body: '', sharing: 'TLP:CLEAR', actions: ['a'] },
};

async function seed(db: ReturnType<typeof createDocumentClient>, table: string, n: number): Promise<void> {
  const items = Array.from({ length: n }, (_, i) => {
    const id = `SUB${String(i).padStart(23, '0')}`;
    const scope = i % 3 === 0 ? 'global' : i % 3 === 1 ? 'c:KE' : 'r:AF';
    const sub: Subscription = {
      id, channel: 'email', address: `bench${i}@example.org`, status: 'active', createdAt: '2030-01-01T00:00:00Z',
      filters: { countries: scope === 'c:KE' ? ['KE'] : [], regions: scope === 'r:AF' ? ['AF'] : [], kinds: [] },
    };
    return { ...keys.subscriptionIndex('email', scope, id), type: 'subscription-index', data: sub };
  });
  const batches: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = { [table]: batch.map((Item) => ({ PutRequest: { Item } })) };
      while (request && Object.keys(request).length) {
        const res = await db.send(new BatchWriteCommand({ RequestItems: request }));
        request = res.UnprocessedItems as typeof request;
      }
    }
  }));
}

/** Runs the bench for each size and returns the results.md section. */
export async function runDeliveryMatchingBench(sizes: number[] = [10_000, 100_000]): Promise<string> {
  const ddb = await startDynamoDbLocal();
  const rows: string[] = [];
  try {
    for (const n of sizes) {
      const table = `bench-match-${n}`;
      await createTable(new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), table);
      const db = createDocumentClient({ tableName: table, endpoint: ddb.endpoint });
      const seedStart = performance.now();
      await seed(db, table, n);
      const seedMs = performance.now() - seedStart;
      const store = new DynamoSubscriptionStore(db, table);
      const scopes = matchScopes({ countries: version.content.countries, regions: version.regions });
      const start = performance.now();
      let position: MatchPosition | null = START;
      let matched = 0;
      let chunks = 0;
      while (position) {
        const chunk = await matchSubscribers(store, 'email', version, scopes, position, 200);
        matched += chunk.subscriptions.length;
        chunks += 1;
        position = chunk.next;
      }
      const ms = performance.now() - start;
      rows.push(`| ${n.toLocaleString('en-US')} | ${matched.toLocaleString('en-US')} | ${chunks} | ${(ms / 1000).toFixed(2)} s | ${Math.round(matched / (ms / 1000)).toLocaleString('en-US')} | ${(ms / chunks).toFixed(1)} ms | ${(seedMs / 1000).toFixed(1)} s |`);
    }
  } finally {
    await ddb.stop();
  }
  return [
    '## Delivery matching throughput',
    '',
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; DynamoDB Local (in memory); ${new Date().toISOString().slice(0, 10)}.`,
    'Every subscription matches (a third each under `global`, `c:KE`, `r:AF`); chunks of 200 as the email worker reads them (Query per scope, strongly consistent).',
    '',
    '| subscriptions | matched | chunks | time | matched/s | per chunk | setup (BatchWrite) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('delivery-matching.ts')) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  runDeliveryMatchingBench(sizes.length ? sizes : undefined).then((section) => console.log(section));
}
