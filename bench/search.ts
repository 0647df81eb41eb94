/**
 * Search at archive sizes: for 10,000 and 50,000 generated publications
 * (bench/search-corpus.ts), the index build time, its size (serialized,
 * and gzipped as stored in the table's chunks), the cold load a new API
 * process does (read the chunks from DynamoDB Local, gunzip, parse, load
 * every audience's MiniSearch index), the heap it takes, and query latency
 * p50/p99 over a mix of queries for an anonymous caller and for a member
 * whose organization receives AMBER items. Queries run in process on the
 * loaded engine: the cost a search request adds to the API's own.
 * Bounded: a fixed number of queries per size; two or three cold loads.
 *
 * `npx tsx --expose-gc bench/search.ts [sizes…]` writes its section of
 * bench/results.md; `runSearchBench()` returns it for bench/run.ts.
 */
import os from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../shared/adapters/dynamodb/client';
import { createTable } from '../shared/adapters/dynamodb/create-table';
import { DynamoSearchIndexStore } from '../shared/adapters/dynamodb/search-index-repository';
import { SearchQuerySchema } from '../shared/domain/search-query';
import type { Viewer } from '../shared/domain/sharing';
import { runSearch } from '../shared/services/search/run-search';
import { SearchEngine } from '../shared/services/search/search-engine';
import { SearchIndexCache } from '../shared/services/search/search-index-cache';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { BENCH_PLACES, corpus, MEMBER_ORGS, type Vocabulary } from './search-corpus';
import { writeResultsSection } from './results-file';

const SEED = Number(process.env.BENCH_SEARCH_SEED ?? 20260707);
const QUERIES = Number(process.env.BENCH_SEARCH_QUERIES ?? 2_000);
const COMMAND = `npx tsx --expose-gc bench/search.ts (BENCH_SEARCH_SEED=${SEED} BENCH_SEARCH_QUERIES=${QUERIES})`;

type QueryInput = Record<string, string | number>;

/** One query of each class in turn, so every class weighs the same in the percentiles. */
function queryMix(vocabulary: Vocabulary, random: () => number): { label: string; make: () => QueryInput }[] {
  const long = () => {
    let w = vocabulary.ranked(0, 3000);
    while (w.length < 6) w = vocabulary.ranked(0, 3000);
    return w;
  };
  const typo = (w: string) => {
    const at = 1 + Math.floor(random() * (w.length - 2));
    return `${w.slice(0, at)}${w.slice(at + 1)}`;
  };
  return [
    { label: 'one common word', make: () => ({ q: vocabulary.ranked(20, 200) }) },
    { label: 'one rare word', make: () => ({ q: vocabulary.ranked(2000, 15000) }) },
    { label: 'two words', make: () => ({ q: `${vocabulary.word()} ${vocabulary.word()}` }) },
    { label: 'three words', make: () => ({ q: `${vocabulary.ranked(0, 500)} ${vocabulary.ranked(0, 2000)} ${vocabulary.ranked(0, 5000)}` }) },
    { label: 'a typo (one letter missing)', make: () => ({ q: typo(long()) }) },
    { label: 'typing: a word and a prefix', make: () => ({ q: `${vocabulary.ranked(0, 300)} ${long().slice(0, 3)}` }) },
    { label: 'a place without its accent', make: () => ({ q: BENCH_PLACES[Math.floor(random() * BENCH_PLACES.length)]!.normalize('NFD').replace(/\p{M}/gu, '') }) },
    { label: 'words and a country filter', make: () => ({ q: vocabulary.ranked(0, 1000), country: 'CO' }) },
    { label: 'no words: a kind, newest first', make: () => ({ kind: 'security-alert' }) },
    { label: 'all archived, newest first', make: () => ({ include: 'archived' }) },
  ];
}

interface Latency {
  p50: number;
  p99: number;
  max: number;
}

function percentiles(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1)! };
}

function measureQueries(engine: SearchEngine, viewer: Viewer, mix: ReturnType<typeof queryMix>): { all: Latency; byClass: Map<string, Latency> } {
  const samples: number[] = [];
  const perClass = new Map<string, number[]>();
  for (let i = 0; i < QUERIES; i++) {
    const kind = mix[i % mix.length]!;
    const query = SearchQuerySchema.parse(kind.make());
    const started = performance.now();
    const result = runSearch(engine, viewer, query);
    // A second page for every fifth query: the cursor path.
    if (i % 5 === 0 && result.next) runSearch(engine, viewer, { ...query, cursor: result.next });
    const ms = performance.now() - started;
    samples.push(ms);
    perClass.set(kind.label, [...(perClass.get(kind.label) ?? []), ms]);
  }
  return { all: percentiles(samples), byClass: new Map([...perClass].map(([label, s]) => [label, percentiles(s)])) };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function timed<T>(into: number[], run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await run();
  into.push(performance.now() - started);
  return value;
}

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

/** Runs the bench for each size and returns the results.md section. */
export async function runSearchBench(sizes: number[] = [10_000, 50_000]): Promise<string> {
  const ddb = await startDynamoDbLocal();
  const rows: string[] = [];
  const classRows: string[] = [];
  try {
    for (const [index, n] of sizes.entries()) {
      const label = n.toLocaleString('en-US');
      const { docs, vocabulary, random } = corpus(n, SEED + index);
      const tableName = `search-${n}`;
      await createTable(new DynamoDBClient({ endpoint: ddb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), tableName);
      const store = new DynamoSearchIndexStore(createDocumentClient({ tableName, endpoint: ddb.endpoint }), tableName);

      let started = performance.now();
      let built: SearchEngine | undefined = SearchEngine.empty();
      for (const doc of docs) built.apply(doc);
      const buildMs = performance.now() - started;
      let json: string | undefined = JSON.stringify(built);
      const jsonBytes = json.length;
      await store.writeSnapshot({ json, watermark: new Date().toISOString(), lineage: 'bench', builtAt: new Date().toISOString(), appendsIncluded: 0, documents: n }, undefined);
      built = undefined;
      json = undefined;
      const snapshot = (await store.readHead())!.snapshot!;
      console.log(`${label}: built in ${ms(buildMs)}, ${mb(jsonBytes)} JSON, ${mb(snapshot.bytes)} gzipped in ${snapshot.chunks} chunks`);

      // Cold loads as a new process does them; the heap is measured around the first, with nothing else of the index alive.
      const base = heapUsed();
      const loads: number[] = [];
      let engine = await timed(loads, () => new SearchIndexCache(store, { checkIntervalMs: 0 }).current());
      const heap = heapUsed() - base;
      for (let run = 1; run < (n > 20_000 ? 2 : 3); run++) engine = await timed(loads, () => new SearchIndexCache(store, { checkIntervalMs: 0 }).current());
      const load = [...loads].sort((a, b) => a - b)[Math.floor(loads.length / 2)]!;
      // The same load in its two halves: reading the chunks, then turning the JSON into indexes.
      started = performance.now();
      const text = await store.readSnapshot(snapshot);
      const fetchMs = performance.now() - started;
      started = performance.now();
      SearchEngine.fromJSON(JSON.parse(text));
      const parseMs = performance.now() - started;
      console.log(`${label}: cold load ${loads.map(ms).join(', ')} (read ${ms(fetchMs)}, parse and load ${ms(parseMs)}); heap ${mb(heap)}`);

      // Queries start on a collected heap: the loads above left hundreds of megabytes of garbage that a serving process would not have.
      heapUsed();
      const mix = queryMix(vocabulary, random);
      const anonymous = measureQueries(engine, { kind: 'anonymous' }, mix);
      const member = measureQueries(engine, { kind: 'person', personId: 'bench', orgId: MEMBER_ORGS[0]!, role: 'member' }, mix);
      console.log(`${label}: anonymous p50 ${ms(anonymous.all.p50)} p99 ${ms(anonymous.all.p99)}; member p50 ${ms(member.all.p50)} p99 ${ms(member.all.p99)}`);
      rows.push(
        `| ${label} | ${mb(jsonBytes)} | ${mb(snapshot.bytes)} (${snapshot.chunks} chunks) | ${(buildMs / 1000).toFixed(1)} s | ${ms(load)} (${ms(fetchMs)} + ${ms(parseMs)}) | ${mb(heap)} | ${ms(anonymous.all.p50)} / ${ms(anonymous.all.p99)} | ${ms(member.all.p50)} / ${ms(member.all.p99)} |`,
      );
      for (const [kind, latency] of anonymous.byClass) {
        const m = member.byClass.get(kind)!;
        classRows.push(`| ${label} | ${kind} | ${ms(latency.p50)} / ${ms(latency.p99)} | ${ms(m.p50)} / ${ms(m.p99)} |`);
      }
    }
  } finally {
    await ddb.stop();
  }
  return [
    '## Search: index size, cold load and query latency',
    '',
    `Recorded ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; DynamoDB Local (in memory); load average ${os.loadavg()[0]!.toFixed(1)} when it ended (the benchmark's own processes count in it). Reproduce with \`${COMMAND}\`.`,
    'Generated publications (bench/search-corpus.ts): about 300 words each with Zipf-distributed words, 80% TLP:CLEAR, 15% GREEN, 5% AMBER',
    '(shared with 1–3 of 50 organizations), 10% archived or expired, ten years of dates. *Cold load* is what a new API process does on its',
    'first search: read the snapshot chunks (BatchGetItem), gunzip, parse, load each audience\'s MiniSearch index, read the log. *Heap* is',
    'the growth of the V8 heap after a load (with `--expose-gc`). Queries run on the loaded engine in process, ten classes in turn',
    `(${QUERIES} per caller, a second page for one in five); the member belongs to an organization that receives AMBER items. Goal: p99 under 50 ms for 10,000.`,
    '',
    '| publications | index (JSON) | stored (gzip) | build | cold load (read chunks + parse and load) | heap | anonymous p50 / p99 | member p50 / p99 |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    '### By query class (p50 / p99)',
    '',
    '| publications | query | anonymous | member |',
    '| ---: | --- | ---: | ---: |',
    ...classRows,
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('search.ts')) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  void runSearchBench(sizes.length ? sizes : undefined).then((section) => {
    writeResultsSection(section);
    console.log(section);
  });
}
