/**
 * Builds a Lambda entry point exactly as the stack bundles it
 * (lambda-build.ts), tells the files a cold start loads from the chunks
 * loaded on demand, and reads what the bundle takes from the AWS SDK. The
 * SDK stays external (the Lambda runtime provides it), so every SDK import
 * survives in the output as an ESM import statement naming the package and
 * the classes: the client packages and `*Command` classes a function can
 * send are exactly those.
 *
 * @example
 * const sdk = await lambdaSdkImports();
 * sdk.scheduler.clients;            // ['@aws-sdk/client-dynamodb', '@aws-sdk/client-sns']
 * sdk.scheduler.commands['@aws-sdk/client-sns']; // ['ListPhoneNumbersOptedOutCommand']
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { functions } from '../../shared/topology';
import { ENTRY_FILE, lambdaBuildOptions, PROJECT_ROOT } from './lambda-build';

/** A topology function's name, e.g. `deliverEmail`. */
export type FunctionName = keyof typeof functions;

/** What one bundle takes from the AWS SDK. */
export interface SdkImports {
  /** Every `@aws-sdk/*` package imported, sorted (clients, `lib-dynamodb`, `util-dynamodb` …). */
  packages: string[];
  /** The `@aws-sdk/client-*` packages alone, sorted. */
  clients: string[];
  /** Per package, the `*Command` classes imported, sorted; a package without commands is absent. */
  commands: Record<string, string[]>;
}

/** One JavaScript file of a bundle. */
export interface BundleFile {
  /** Relative to the bundle's directory: `index.mjs`, `chunks/check-places-XXXX.mjs`. */
  path: string;
  bytes: number;
  /** Loaded when the function starts (the entry and every file it imports statically); otherwise only on demand (`import()`). */
  coldStart: boolean;
  /** The project files and package files whose code it holds (paths from the project root, as esbuild names them), with the bytes each adds. */
  inputs: Record<string, number>;
}

export interface LambdaBundle {
  files: BundleFile[];
  /** Bytes of the files loaded when the function starts. */
  bytes: number;
  /** Bytes of the chunks loaded only on demand. */
  lazyBytes: number;
  metafile: Metafile;
  /** What every file of the bundle (cold or lazy) takes from the SDK. */
  sdk: SdkImports;
}

/** Where to write the bundle; without it, the bundle is built in memory. */
export interface BundleOutput {
  outdir: string;
}

/**
 * Bundles one entry (a path from the project root, as in the topology) as
 * the stack does (lambda-build.ts): minified ESM split into the entry and
 * its on-demand chunks, external `@aws-sdk/*`, source maps beside them.
 */
export async function bundleLambda(entry: string, output?: BundleOutput): Promise<LambdaBundle> {
  // In memory, the directory only names the outputs; nothing is written there.
  const outdir = output?.outdir ?? path.join(PROJECT_ROOT, '.lambda-bundle', path.basename(path.dirname(entry)));
  const result = await build({ ...lambdaBuildOptions(entry, outdir), write: output !== undefined });
  const cold = coldStartOutputs(result.metafile);
  const files: BundleFile[] = Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith('.mjs'))
    .map(([file, meta]) => ({ path: path.relative(outdir, path.resolve(PROJECT_ROOT, file)), bytes: meta.bytes, coldStart: cold.has(file), inputs: Object.fromEntries(Object.entries(meta.inputs).map(([input, { bytesInOutput }]) => [input, bytesInOutput])) }));
  const text = files.map((f) => (result.outputFiles ? result.outputFiles.find((o) => o.path === path.join(outdir, f.path))!.text : readFileSync(path.join(outdir, f.path), 'utf8'))).join('\n');
  const sum = (list: BundleFile[]) => list.reduce((total, f) => total + f.bytes, 0);
  return { files, bytes: sum(files.filter((f) => f.coldStart)), lazyBytes: sum(files.filter((f) => !f.coldStart)), metafile: result.metafile, sdk: sdkImportsOf(text) };
}

/** The outputs a cold start loads: the entry file and, transitively, every file it imports statically. */
function coldStartOutputs(metafile: Metafile): Set<string> {
  const entry = Object.keys(metafile.outputs).find((file) => path.basename(file) === ENTRY_FILE);
  if (!entry) throw new Error(`The bundle has no ${ENTRY_FILE}.`);
  const cold = new Set<string>();
  const visit = (file: string) => {
    if (cold.has(file)) return;
    cold.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) if (!imported.external && imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  return cold;
}

// `import{A as b,C}from"@aws-sdk/x"`, `import"@aws-sdk/x"`, `import*as n from"@aws-sdk/x"` (minified or not).
const SDK_IMPORT = /\bimport\s*(?:([^'";]*?)\s*from\s*)?["'](@aws-sdk\/[^"']+)["']/g;
const DYNAMIC_SDK_IMPORT = /\bimport\s*\(\s*["'`]@aws-sdk\//;

/**
 * The SDK packages and commands an ESM bundle imports. Refuses a namespace,
 * default or dynamic import of the SDK: the commands it uses could not be
 * read from the import, and a permission check built on this must not guess.
 */
export function sdkImportsOf(code: string): SdkImports {
  if (DYNAMIC_SDK_IMPORT.test(code)) throw new Error('The bundle imports the AWS SDK dynamically; its commands cannot be read from the imports.');
  const packages = new Set<string>();
  const commands = new Map<string, Set<string>>();
  for (const [, clause, pkg] of code.matchAll(SDK_IMPORT)) {
    packages.add(pkg!);
    if (!clause) continue;
    const named = /^\{([^}]*)\}$/.exec(clause.trim());
    if (!named) throw new Error(`The bundle imports ${pkg} as \`${clause.trim()}\`; only named imports tell which commands it sends.`);
    for (const specifier of named[1]!.split(',')) {
      const imported = specifier.trim().split(/\s+as\s+/)[0]!;
      if (!imported.endsWith('Command')) continue;
      if (!commands.has(pkg!)) commands.set(pkg!, new Set());
      commands.get(pkg!)!.add(imported);
    }
  }
  const sorted = [...packages].sort();
  return {
    packages: sorted,
    clients: sorted.filter((p) => p.startsWith('@aws-sdk/client-')),
    commands: Object.fromEntries([...commands].sort(([a], [b]) => a.localeCompare(b)).map(([pkg, names]) => [pkg, [...names].sort()])),
  };
}

/** Every Lambda entry of the topology, bundled once each (in memory). */
export async function lambdaBundles(): Promise<Record<FunctionName, LambdaBundle>> {
  const names = Object.keys(functions) as FunctionName[];
  const bundles = await Promise.all(names.map((name) => bundleLambda(functions[name].entry)));
  return Object.fromEntries(names.map((name, i) => [name, bundles[i]!])) as Record<FunctionName, LambdaBundle>;
}

/**
 * What each Lambda entry of the topology takes from the SDK: its clients and
 * commands, for the permission checks of the AWS stack.
 * @public
 */
export async function lambdaSdkImports(): Promise<Record<FunctionName, SdkImports>> {
  const bundles = await lambdaBundles();
  return Object.fromEntries(Object.entries(bundles).map(([name, bundle]) => [name, bundle.sdk])) as Record<FunctionName, SdkImports>;
}

/** The npm package an esbuild input belongs to (`zod`, `@turf/kinks`), or undefined for the project's own files. */
export function packageOf(input: string): string | undefined {
  return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
}

/**
 * The npm packages whose code a bundle contains (the SDK, being external,
 * is not among them): in every file, or only in those a cold start loads.
 */
export function bundledPackages(bundle: LambdaBundle, which: 'all' | 'cold-start' = 'all'): string[] {
  const packages = new Set<string>();
  for (const file of bundle.files) {
    if (which === 'cold-start' && !file.coldStart) continue;
    for (const input of Object.keys(file.inputs)) {
      const pkg = packageOf(input);
      if (pkg) packages.add(pkg);
    }
  }
  return [...packages].sort();
}
