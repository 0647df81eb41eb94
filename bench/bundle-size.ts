/**
 * `npx tsx bench/bundle-size.ts`: builds every Lambda bundle with esbuild
 * exactly as the CDK stack does (infra/aws/lambda-build.ts), then records
 * each bundle's size — the files a cold start loads, and apart from them the
 * chunks loaded only on demand — and its cold-import time: the time a fresh
 * Node process takes to import it, with dummy configuration so the
 * cold-start checks pass and with the network stubbed so that importing
 * cannot reach AWS. Writes its own section of bench/results.md.
 *
 * Budget (issue 6): the API function under 250 KiB and 150 ms.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleLambda, packageOf } from '../infra/aws/lambda-bundle';
import { ENTRY_FILE, PROJECT_ROOT } from '../infra/aws/lambda-build';
import { functions } from '../shared/topology';

const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 15);
const OUT = path.join(PROJECT_ROOT, 'bench/.tmp/bundles');
const RESULTS = path.join(PROJECT_ROOT, 'bench/results.md');
const SECTION = '## Lambda bundles: size and cold import';
const BUDGET = { api: { bytes: 250 * 1024, ms: 150 } };

/** What the wiring parses at cold start; values are dummies. */
const DUMMY_ENV: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  POWERTOOLS_SERVICE_NAME: 'outpost-bench',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  TABLE_NAME: 'bench',
  PUBLIC_BASE_URL: 'https://outpost.example',
  SENDER_EMAIL: 'alerts@outpost.example',
  SES_CONFIGURATION_SET: 'bench',
  LINK_SIGNING_SECRET: 'b'.repeat(64),
  LINK_SIGNING_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench',
  PUBLICATIONS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:bench',
  DELIVERY_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/bench',
  EMAIL_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/bench-email',
  SMS_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/bench-sms',
  MAX_BODY_BYTES: '262144',
  ORIGIN_SECRET: 'o'.repeat(48),
  ORIGIN_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:origin',
  DISTRIBUTION_ID: 'EBENCH',
  ORIGIN_SECRET_HEADER: 'x-outpost-origin-verify',
};

/** Preloaded into the importing process: any network use at import time throws. */
const NETWORK_STUB = `
import net from 'node:net';
const refuse = () => { throw new Error('bench: network used while importing a bundle'); };
net.Socket.prototype.connect = refuse;
globalThis.fetch = refuse;
`;

/** Imports the bundle in a fresh process and prints the milliseconds it took. */
const IMPORTER = `
const started = performance.now();
await import(process.argv[1]);
process.stdout.write(String(performance.now() - started));
`;

interface Row {
  name: string;
  entry: string;
  /** What a cold start loads. */
  bytes: number;
  /** Chunks loaded only on demand. */
  lazyBytes: number;
  importMs: number;
  /** The `@aws-sdk/client-*` packages the bundle imports (from the Lambda runtime). */
  clients: string[];
  /** The largest parts of what a cold start loads. */
  topInputs: { path: string; bytes: number }[];
}

async function bundle(name: string, entry: string): Promise<Row> {
  const dir = path.join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const result = await bundleLambda(entry, { outdir: dir });
  const outfile = path.join(dir, ENTRY_FILE);
  const byPackage = new Map<string, number>();
  for (const file of result.files.filter((f) => f.coldStart)) {
    for (const [input, bytes] of Object.entries(file.inputs)) {
      const key = packageOf(input) ?? input.split('/').slice(0, 2).join('/');
      byPackage.set(key, (byPackage.get(key) ?? 0) + bytes);
    }
  }
  const topInputs = [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([p, bytes]) => ({ path: p, bytes }));
  const samples: number[] = [];
  const stub = `data:text/javascript,${encodeURIComponent(NETWORK_STUB)}`;
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['--import', stub, '--input-type=module', '-e', IMPORTER, pathToFileURL(outfile).href], {
      env: { PATH: process.env.PATH ?? '', ...DUMMY_ENV },
      cwd: dir,
      encoding: 'utf8',
    });
    samples.push(Number(out));
  }
  samples.sort((a, b) => a - b);
  return { name, entry, bytes: result.bytes, lazyBytes: result.lazyBytes, importMs: samples[Math.floor(samples.length / 2)]!, clients: result.sdk.clients.map((c) => c.replace('@aws-sdk/client-', '')), topInputs };
}

function kib(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  try {
    for (const [name, spec] of Object.entries(functions)) {
      rows.push(await bundle(name, spec.entry));
      const r = rows.at(-1)!;
      console.log(`${name.padEnd(18)} ${kib(r.bytes).padStart(8)} KiB (+${kib(r.lazyBytes)} on demand) ${r.importMs.toFixed(1).padStart(7)} ms`);
    }
  } finally {
    // The bundles sit inside the project (so the SDK resolves from node_modules); lint and tsc must not see them.
    rmSync(OUT, { recursive: true, force: true });
  }
  const api = rows.find((r) => r.name === 'api')!;
  const verdict = api.bytes <= BUDGET.api.bytes && api.importMs <= BUDGET.api.ms ? 'within' : 'over';
  const lines = [
    SECTION,
    '',
    `Recorded ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; reproduce with \`npx tsx bench/bundle-size.ts\`.`,
    `Bundles are built with the stack's own esbuild options (minified ESM split into the entry and its on-demand chunks, external \`@aws-sdk/*\` from the Lambda runtime, source maps beside them).`,
    '"Bundle" is what a cold start loads: the entry and every chunk it imports statically; "on demand" is the chunks only an `import()` loads',
    '(the place checks\' country outlines and geometry), read the first time a request needs them;',
    `cold import is the median of ${RUNS} fresh \`node\` processes importing the bundle with dummy configuration and the network stubbed out`,
    '(the AWS SDK resolves from node_modules here, as from the runtime in Lambda; Lambda adds its own init overhead on top).',
    '',
    '| function | entry | bundle KiB | on demand KiB | cold import ms | AWS clients | largest parts of the bundle (KiB) |',
    '| --- | --- | ---: | ---: | ---: | --- | --- |',
    ...rows.map((r) => `| ${r.name} | \`${r.entry}\` | ${kib(r.bytes)} | ${kib(r.lazyBytes)} | ${r.importMs.toFixed(1)} | ${r.clients.join(', ')} | ${r.topInputs.map((t) => `${t.path} ${kib(t.bytes)}`).join(', ')} |`),
    '',
    `Budget for the API function: under ${kib(BUDGET.api.bytes)} KiB and ${BUDGET.api.ms} ms — ${verdict} budget (${kib(api.bytes)} KiB, ${api.importMs.toFixed(1)} ms).`,
    '',
  ];
  // Replace the section where it stands (other benchmarks own the rest of the file); append it the first time.
  const text = readFileSync(RESULTS, 'utf8');
  const start = text.indexOf(`\n${SECTION}\n`);
  const section = `${lines.join('\n').trimEnd()}\n`;
  if (start >= 0) {
    const next = text.indexOf('\n## ', start + 1 + SECTION.length);
    writeFileSync(RESULTS, `${text.slice(0, start + 1)}${section}${next >= 0 ? text.slice(next) : ''}`);
  } else {
    writeFileSync(RESULTS, `${text.trimEnd()}\n\n${section}`);
  }
  console.log(`wrote ${path.relative(PROJECT_ROOT, RESULTS)} (${verdict} the API budget)`);
}

await main();
