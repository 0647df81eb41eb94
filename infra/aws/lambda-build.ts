/**
 * How every Lambda function's code is built: esbuild, minified ESM for the
 * newest Node.js runtime, the AWS SDK left to the runtime, and code
 * splitting, so that what a function loads only on demand (`import()`, such
 * as the country outlines and geometry of the place checks) is a chunk of
 * its own that a cold start does not parse (docs/decisions/0046). The stack
 * (constructs/handler-function.ts), the permission and bundle tests
 * (lambda-bundle.ts) and bench/bundle-size.ts all build with these options,
 * so all of them see the code Lambda runs.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync, type BuildOptions } from 'esbuild';

/** The project root: entries in the topology are relative to it. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * ESM output still meets CommonJS dependencies that call `require`; this
 * banner gives every output file one.
 */
const ESM_REQUIRE_BANNER = "import { createRequire as __outpostCreateRequire } from 'node:module'; const require = __outpostCreateRequire(import.meta.url);";

/** The file Lambda loads: the function's handler is `index.handler`. */
export const ENTRY_FILE = 'index.mjs';

/** The esbuild options of one function's code, written into (or, without `write`, described for) `outdir`. */
export function lambdaBuildOptions(entry: string, outdir: string): BuildOptions & { metafile: true; outdir: string } {
  return {
    entryPoints: [path.join(PROJECT_ROOT, entry)],
    outdir,
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    sourcemap: 'external',
    sourcesContent: false,
    mainFields: ['module', 'main'],
    entryNames: path.basename(ENTRY_FILE, '.mjs'),
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    banner: { js: ESM_REQUIRE_BANNER },
    // The runtime's AWS SDK v3 is used rather than bundled: it keeps bundles
    // small and cold starts short (docs/decisions/0007).
    external: ['@aws-sdk/*'],
    tsconfig: path.join(PROJECT_ROOT, 'tsconfig.json'),
    metafile: true,
    logLevel: 'error',
  };
}

/** Builds one function's code into `outdir`; synchronous, as CDK's local bundling is. */
export function buildLambdaSync(entry: string, outdir: string): void {
  buildSync(lambdaBuildOptions(entry, outdir));
}
