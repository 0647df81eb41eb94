import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/client';
import { createTable } from '../../../shared/adapters/dynamodb/create-table';
import { DynamoSearchIndexStore } from '../../../shared/adapters/dynamodb/search-index-repository';
import { SnapshotGoneError } from '../../../shared/errors';
import type { SearchIndexStore } from '../../../shared/ports/search-index-store';
import { compactSearchIndex } from '../../../shared/services/compact-search-index';
import { runSearch } from '../../../shared/services/search/run-search';
import { SearchEngine } from '../../../shared/services/search/search-engine';
import { SearchIndexCache } from '../../../shared/services/search/search-index-cache';
import { SearchQuerySchema } from '../../../shared/domain/search-query';
import { uniqueSearchWord } from '../../support/unique';
import { anonymous, searchDoc } from '../../unit/search/fixtures';

/**
 * The search store on DynamoDB Local: snapshots larger than an item, cut
 * into chunks and swapped conditionally; the log read after a position and
 * pruned; and a process's engine loaded from a snapshot and caught up from
 * the log, as an API instance does at a cold start.
 */
let store: SearchIndexStore;
const clock = { now: () => new Date().toISOString() };

beforeEach(async () => {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `t-${randomUUID()}`;
  await createTable(new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), tableName);
  store = new DynamoSearchIndexStore(createDocumentClient({ tableName, endpoint }), tableName);
});

const find = (engine: SearchEngine, q: string) => runSearch(engine, anonymous, SearchQuerySchema.parse({ q })).items.map((i) => i.id);

/** Text that gzip cannot shrink much, so a snapshot needs several chunks. */
function noise(bytes: number): string {
  let state = 7;
  let out = '';
  while (out.length < bytes) {
    state = (state * 48271) % 2147483647;
    out += `w${state.toString(36)} `;
  }
  return out;
}

async function snapshotOf(engine: SearchEngine, replaces?: string, lineage = 'L1', watermark = clock.now()) {
  const ok = await store.writeSnapshot({ json: JSON.stringify(engine), watermark, lineage, builtAt: clock.now(), appendsIncluded: 0, documents: engine.size }, replaces);
  return { ok, head: await store.readHead() };
}

describe('DynamoSearchIndexStore', () => {
  it('stores a snapshot larger than an item in chunks and reads it back whole', async () => {
    const engine = SearchEngine.empty();
    const word = uniqueSearchWord();
    const doc = searchDoc({ text: `${word} ${noise(900_000)}` });
    engine.apply(doc);
    const { ok, head } = await snapshotOf(engine);
    expect(ok).toBe(true);
    expect(head?.snapshot?.chunks).toBeGreaterThan(1);
    const copy = SearchEngine.fromJSON(JSON.parse(await store.readSnapshot(head!.snapshot!)));
    expect(find(copy, word)).toEqual([doc.id]);
  });

  it('swaps snapshots only for the writer that read the current one, and removes the one replaced', async () => {
    const first = await snapshotOf(SearchEngine.empty());
    const second = await snapshotOf(SearchEngine.empty(), first.head!.snapshot!.id);
    expect(second.ok).toBe(true);
    expect((await snapshotOf(SearchEngine.empty(), first.head!.snapshot!.id)).ok).toBe(false);
    expect((await snapshotOf(SearchEngine.empty())).ok).toBe(false);
    expect((await store.readHead())?.snapshot?.id).toBe(second.head!.snapshot!.id);
    await expect(store.readSnapshot(first.head!.snapshot!)).rejects.toBeInstanceOf(SnapshotGoneError);
  });

  it('reads the log after a position and prunes what is before one', async () => {
    const docs = [searchDoc(), searchDoc(), searchDoc()];
    await store.appendLog(docs.map((document, i) => ({ position: `2026-01-01T00:00:0${i}.000Z#${document.id}#000000001`, document })));
    expect((await store.readHead())?.appends).toBe(3);
    expect((await store.readLog('2026-01-01T00:00:01.000Z')).map((e) => e.document.id)).toEqual([docs[1]!.id, docs[2]!.id]);
    await store.pruneLog('2026-01-01T00:00:02.000Z');
    expect((await store.readLog('')).map((e) => e.document.id)).toEqual([docs[2]!.id]);
    expect((await store.readHead())?.logFloor).toBe('2026-01-01T00:00:02.000Z');
  });
});

describe('SearchIndexCache on the table', () => {
  it('loads the snapshot at a cold start and catches up from the log written since', async () => {
    const before = uniqueSearchWord();
    const after = uniqueSearchWord();
    const engine = SearchEngine.empty();
    const old = searchDoc({ text: before });
    engine.apply(old);
    await snapshotOf(engine, undefined, 'L1', '2026-01-01T00:00:00.000Z');
    const fresh = searchDoc({ text: after });
    await store.appendLog([{ position: `2026-01-01T00:00:05.000Z#${fresh.id}#000000001`, document: fresh }]);

    const cache = new SearchIndexCache(store, { checkIntervalMs: 0 });
    const loaded = await cache.current();
    expect(find(loaded, before)).toEqual([old.id]);
    expect(find(loaded, after)).toEqual([fresh.id]);
  });

  it('serves what the log holds before any snapshot exists', async () => {
    const word = uniqueSearchWord();
    const doc = searchDoc({ text: word });
    await store.appendLog([{ position: `${clock.now()}#${doc.id}#000000001`, document: doc }]);
    expect(find(await new SearchIndexCache(store, { checkIntervalMs: 0 }).current(), word)).toEqual([doc.id]);
  });

  it('reloads when a rebuild starts a new lineage, and otherwise follows the log without reloading', async () => {
    const first = await snapshotOf(SearchEngine.empty(), undefined, 'L1');
    const cache = new SearchIndexCache(store, { checkIntervalMs: 0 });
    const initial = await cache.current();
    const word = uniqueSearchWord();
    const logged = searchDoc({ text: word });
    await store.appendLog([{ position: `${clock.now()}#${logged.id}#000000001`, document: logged }]);
    expect(await cache.current()).toBe(initial);
    expect(find(initial, word)).toEqual([logged.id]);

    const rebuilt = SearchEngine.empty();
    const other = uniqueSearchWord();
    const only = searchDoc({ text: other });
    rebuilt.apply(only);
    await snapshotOf(rebuilt, first.head!.snapshot!.id, 'L2');
    const reloaded = await cache.current();
    expect(reloaded).not.toBe(initial);
    expect(find(reloaded, other)).toEqual([only.id]);
  });

  it('folds the log into a new snapshot of the same lineage that a cold start then loads', async () => {
    await snapshotOf(SearchEngine.empty(), undefined, 'L1', '2026-01-01T00:00:00.000Z');
    const word = uniqueSearchWord();
    const doc = searchDoc({ text: word });
    await store.appendLog([{ position: `2026-01-01T00:00:01.000Z#${doc.id}#000000001`, document: doc }]);
    const writer = new SearchIndexCache(store, { checkIntervalMs: 0 });
    expect(await compactSearchIndex({ searchIndex: store, clock }, writer)).toBe(true);
    const head = await store.readHead();
    expect(head?.snapshot).toMatchObject({ lineage: 'L1', watermark: `2026-01-01T00:00:01.000Z#${doc.id}#000000001`, documents: 1 });
    const cold = SearchEngine.fromJSON(JSON.parse(await store.readSnapshot(head!.snapshot!)));
    expect(find(cold, word)).toEqual([doc.id]);
  });
});
