/**
 * Builds a Lambda entry point exactly as the stack bundles it (esbuild with
 * `BUNDLING` from constructs/handler-function.ts) and reads what the bundle
 * takes from the AWS SDK. The SDK stays external (the Lambda runtime
 * provides it), so every SDK import survives in the output as an ESM import
 * statement naming the package and the classes: the client packages and
 * `*Command` classes a function can send are exactly those.
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
import { BUNDLING, PROJECT_ROOT } from './constructs/handler-function';

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

export interface LambdaBundle {
  /** The bundled JavaScript. */
  text: string;
  bytes: number;
  metafile: Metafile;
  sdk: SdkImports;
}

/** Where to write the bundle; without it, the bundle stays in memory. */
export interface BundleOutput {
  outfile: string;
}

/**
 * Bundles one entry (a path from the project root, as in the topology) with
 * the stack's esbuild options: minified ESM, external `@aws-sdk/*`, the
 * `require` banner, an external source map.
 */
export async function bundleLambda(entry: string, output?: BundleOutput): Promise<LambdaBundle> {
  // In memory, the path only names the output; nothing is written there.
  const outfile = output?.outfile ?? path.join(PROJECT_ROOT, '.lambda-bundle', `${path.basename(path.dirname(entry))}.mjs`);
  const result = await build({
    entryPoints: [path.join(PROJECT_ROOT, entry)],
    outfile,
    write: output !== undefined,
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    sourcemap: 'external',
    sourcesContent: BUNDLING.sourcesContent,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    external: [...BUNDLING.externalModules],
    tsconfig: BUNDLING.tsconfig,
    metafile: true,
    logLevel: 'error',
  });
  const [file, meta] = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint)!;
  const text = output ? readFileSync(path.resolve(PROJECT_ROOT, file), 'utf8') : result.outputFiles!.find((f) => f.path.endsWith('.mjs'))!.text;
  return { text, bytes: meta.bytes, metafile: result.metafile, sdk: sdkImportsOf(text) };
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

/** The npm packages whose code a bundle contains (the SDK, being external, is not among them). */
export function bundledPackages(bundle: LambdaBundle): string[] {
  const packages = new Set<string>();
  for (const input of Object.keys(bundle.metafile.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    if (match) packages.add(match[1]!);
  }
  return [...packages].sort();
}
