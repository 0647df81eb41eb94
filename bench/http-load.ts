/**
 * The wrk-driven sections of `npm run bench`: the public feed side by side
 * with nginx serving the same bytes, conditional GETs, load at 50–200
 * connections, and reads while publishing. The API runs in its own process
 * (bench/api-server.ts); wrk and nginx are the Debian packages. Every run
 * is bounded in time and targets 127.0.0.1 only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from '../infra/local/dynamodb-local';
import type { DemoCredentials } from '../infra/local/seed';
import { startApiProcess, startBareHonoProcess, type ApiProcess } from './api-process';
import { startNginx, type NginxBaseline } from './nginx';
import { runWrk, type WrkResult } from './wrk';

export const FEED_PATH = '/feeds/all.atom';
const TMP = resolve('bench/.tmp');

export interface HttpLoadOptions {
  wrk: string;
  nginx: string | undefined;
  endpoint: string;
  tableName: string;
  demo: DemoCredentials;
  /** Seconds per wrk run in the comparison (default 8), and rounds app/nginx alternated (default 3). */
  seconds: number;
  rounds: number;
  /** Seconds per run in the load and mixed sections. */
  loadSeconds: number;
}

export interface FeedComparison {
  bytes: number;
  contentType: string;
  rounds: { app: WrkResult; nginx: WrkResult; bare: WrkResult }[];
  /** Medians over the rounds. */
  app: { rps: number; p99Ms: number };
  nginx: { rps: number; p99Ms: number };
  bare: { rps: number; p99Ms: number };
  /** Median of the per-round ratios app/nginx (each round's runs back to back). */
  ratio: number;
  /** The same for the bare Hono route: the ceiling of a Hono app on @hono/node-server here. */
  bareRatio: number;
}

export interface HttpLoadResults {
  comparison?: FeedComparison;
  nginxSkipped?: string;
  conditional: { app: WrkResult; nginx?: WrkResult; etag: string };
  load: WrkResult[];
  mixed: { reads: WrkResult; paths: string[]; publishes: number; publishErrors: number; publishP50Ms: number; publishP99Ms: number; freshMs: number | undefined };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function line(label: string, r: WrkResult): string {
  return `${label}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms, non-2xx/3xx ${r.non2xx3xx}, socket errors ${r.socketErrors}`;
}

/** Headers nginx adds so that both servers send the same header set, not only the same bytes. */
function mirroredHeaders(res: Response): Record<string, string> {
  const keep = ['cache-control', 'access-control-allow-origin', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'content-security-policy'];
  return Object.fromEntries(keep.flatMap((name) => (res.headers.get(name) ? [[name, res.headers.get(name)!]] : [])));
}

async function compareWithNginx(opts: HttpLoadOptions, api: ApiProcess, nginx: NginxBaseline, bare: ApiProcess, bytes: number, contentType: string): Promise<FeedComparison> {
  const urls = { app: `${api.baseUrl}${FEED_PATH}`, nginx: nginx.url, bare: `${bare.baseUrl}${FEED_PATH}` };
  // Warm all three (JIT, page cache, connection setup) before anything is recorded.
  await runWrk(opts.wrk, urls.app, { connections: 50, seconds: 3 });
  await runWrk(opts.wrk, urls.nginx, { connections: 50, seconds: 2 });
  await runWrk(opts.wrk, urls.bare, { connections: 50, seconds: 3 });
  const rounds: FeedComparison['rounds'] = [];
  for (let i = 0; i < opts.rounds; i++) {
    // Rotate the order, so drift in background load does not favour one server.
    const order = (['app', 'nginx', 'bare'] as const).map((_, k, all) => all[(k + i) % all.length]!);
    const got: Partial<Record<'app' | 'nginx' | 'bare', WrkResult>> = {};
    for (const which of order) got[which] = await runWrk(opts.wrk, urls[which], { connections: 50, seconds: opts.seconds });
    const { app, nginx: n, bare: b } = got as Record<'app' | 'nginx' | 'bare', WrkResult>;
    rounds.push({ app, nginx: n, bare: b });
    console.log(`  round ${i + 1}: app ${app.rps.toFixed(0)} req/s (p99 ${app.p99Ms.toFixed(1)} ms), nginx ${n.rps.toFixed(0)} (p99 ${n.p99Ms.toFixed(1)} ms), bare Hono ${b.rps.toFixed(0)}: app/nginx ${(app.rps / n.rps).toFixed(2)}, bare/nginx ${(b.rps / n.rps).toFixed(2)}`);
  }
  return {
    bytes,
    contentType,
    rounds,
    app: { rps: median(rounds.map((r) => r.app.rps)), p99Ms: median(rounds.map((r) => r.app.p99Ms)) },
    nginx: { rps: median(rounds.map((r) => r.nginx.rps)), p99Ms: median(rounds.map((r) => r.nginx.p99Ms)) },
    bare: { rps: median(rounds.map((r) => r.bare.rps)), p99Ms: median(rounds.map((r) => r.bare.p99Ms)) },
    ratio: median(rounds.map((r) => r.app.rps / r.nginx.rps)),
    bareRatio: median(rounds.map((r) => r.bare.rps / r.nginx.rps)),
  };
}

/** A security alert as a publisher would post it; the title carries a sequence number to find it in the feed. */
function alertBody(n: number): Record<string, unknown> {
  return {
    kind: 'security-alert',
    title: `Bench alert ${n}: road closures in central Nairobi`,
    countries: ['KE'],
    summary: 'Road closures are expected in central Nairobi during a planned event.',
    body: 'Expect **road closures** and heavy traffic; allow extra time.',
    sharing: 'TLP:CLEAR',
    alertType: 'demonstration',
    places: ['Nairobi Central Business District'],
    actions: ['Avoid the area.', 'Monitor local media.'],
  };
}

/** Publishes security alerts one after another (draft, then publish) until `until`; returns each publish's latency. */
async function publishLoop(baseUrl: string, key: string, until: number, pauseMs: number): Promise<{ latencies: number[]; errors: number; last: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  while (Date.now() < until) {
    n += 1;
    const started = performance.now();
    try {
      const draft = await fetch(`${baseUrl}/v1/publications`, { method: 'POST', headers, body: JSON.stringify(alertBody(n)) });
      const { id } = (await draft.json()) as { id?: string };
      if (draft.status !== 201 || !id) throw new Error(`draft ${draft.status}`);
      const published = await fetch(`${baseUrl}/v1/publications/${id}/publish`, { method: 'POST', headers: { authorization: headers.authorization } });
      await published.arrayBuffer();
      if (published.status !== 200) throw new Error(`publish ${published.status}`);
      latencies.push(performance.now() - started);
    } catch {
      errors += 1;
    }
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  return { latencies, errors, last: n };
}

/** Runs every wrk section against a fresh API process (and nginx when installed). */
export async function runHttpLoad(opts: HttpLoadOptions): Promise<HttpLoadResults> {
  mkdirSync(TMP, { recursive: true });
  const api = await startApiProcess({ endpoint: opts.endpoint, tableName: opts.tableName, port: await freePort() });
  let nginx: NginxBaseline | undefined;
  try {
    const first = await fetch(`${api.baseUrl}${FEED_PATH}`);
    const body = new Uint8Array(await first.arrayBuffer());
    const contentType = first.headers.get('content-type') ?? '';
    const etag = first.headers.get('etag') ?? '';
    if (first.status !== 200 || !etag) throw new Error(`GET ${FEED_PATH} answered ${first.status} without an ETag`);

    let comparison: FeedComparison | undefined;
    let nginxSkipped: string | undefined;
    if (opts.nginx) {
      nginx = await startNginx({ nginx: opts.nginx, prefix: `${TMP}/nginx`, port: await freePort(), path: FEED_PATH, body, contentType, headers: mirroredHeaders(first) });
      const check = await fetch(nginx.url);
      const same = Buffer.from(await check.arrayBuffer()).equals(Buffer.from(body)) && check.headers.get('content-type') === contentType;
      if (!same) throw new Error('nginx does not serve the same bytes and content type as the API');
      console.log(`feed vs nginx: ${FEED_PATH}, ${body.byteLength} bytes, ${contentType}`);
      const bareFile = `${TMP}/bare-feed.bin`;
      writeFileSync(bareFile, body);
      const bareHeaders = { ...mirroredHeaders(first), 'content-type': contentType, etag, 'last-modified': first.headers.get('last-modified') ?? '' };
      const bare = await startBareHonoProcess({ port: await freePort(), file: bareFile, path: FEED_PATH, headers: bareHeaders });
      try {
        comparison = await compareWithNginx(opts, api, nginx, bare, body.byteLength, contentType);
      } finally {
        await bare.stop();
      }
      console.log(`  median: app ${comparison.app.rps.toFixed(0)} / nginx ${comparison.nginx.rps.toFixed(0)} req/s, ratio ${comparison.ratio.toFixed(2)} (bare Hono ${comparison.bareRatio.toFixed(2)})`);
    } else {
      nginxSkipped = 'nginx is not installed';
    }

    // Conditional GET: every request revalidates with the current ETag and gets 304.
    const conditional: HttpLoadResults['conditional'] = {
      etag,
      app: await runWrk(opts.wrk, `${api.baseUrl}${FEED_PATH}`, { connections: 50, seconds: opts.seconds, headers: { 'if-none-match': etag } }),
    };
    console.log(line('304 app', conditional.app));
    if (nginx) {
      const nginxEtag = (await fetch(nginx.url, { method: 'HEAD' })).headers.get('etag') ?? '';
      conditional.nginx = await runWrk(opts.wrk, nginx.url, { connections: 50, seconds: opts.seconds, headers: { 'if-none-match': nginxEtag } });
      console.log(line('304 nginx', conditional.nginx));
      await nginx.stop();
      nginx = undefined;
    }

    // Load: public feeds and country endpoints at 50, 100 and 200 connections.
    const load: WrkResult[] = [];
    for (const path of [FEED_PATH, '/feeds/countries/KE.atom', '/v1/countries', '/v1/countries/KE']) {
      for (const connections of [50, 100, 200]) {
        const r = await runWrk(opts.wrk, `${api.baseUrl}${path}`, { connections, seconds: opts.loadSeconds });
        load.push(r);
        console.log(line(`load ${path} c=${connections}`, r));
      }
    }

    // Mixed: reads over four public paths while security alerts are published through the API.
    const paths = [FEED_PATH, '/feeds/countries/KE.atom', '/v1/countries/KE', '/v1/countries'];
    const script = `${TMP}/mixed.lua`;
    writeFileSync(
      script,
      `local paths = {${paths.map((p) => `"${p}"`).join(', ')}}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format("GET", paths[i])\nend\n`,
    );
    const until = Date.now() + opts.loadSeconds * 1000;
    const [reads, publishing] = await Promise.all([
      runWrk(opts.wrk, `${api.baseUrl}/`, { connections: 50, seconds: opts.loadSeconds, script }),
      publishLoop(api.baseUrl, opts.demo.keys.publisher, until, 100),
    ]);
    // Freshness: how long until the last alert published is in the cached feed.
    const lastTitle = `Bench alert ${publishing.last}:`;
    const waitStarted = performance.now();
    let freshMs: number | undefined;
    while (performance.now() - waitStarted < 5000) {
      const text = await (await fetch(`${api.baseUrl}${FEED_PATH}`)).text();
      if (text.includes(lastTitle)) {
        freshMs = performance.now() - waitStarted;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const mixed: HttpLoadResults['mixed'] = {
      reads,
      paths,
      publishes: publishing.latencies.length,
      publishErrors: publishing.errors,
      publishP50Ms: percentile(publishing.latencies, 50),
      publishP99Ms: percentile(publishing.latencies, 99),
      freshMs,
    };
    console.log(line('mixed reads', reads));
    console.log(`mixed publishes: ${mixed.publishes} ok, ${mixed.publishErrors} errors, p50 ${mixed.publishP50Ms.toFixed(0)} ms, p99 ${mixed.publishP99Ms.toFixed(0)} ms; last one in the feed after ${freshMs?.toFixed(0) ?? '>5000'} ms`);
    return { ...(comparison ? { comparison } : {}), ...(nginxSkipped ? { nginxSkipped } : {}), conditional, load, mixed };
  } finally {
    await nginx?.stop();
    await api.stop();
  }
}
