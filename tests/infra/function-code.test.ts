import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { lambdaBundles, type FunctionName, type LambdaBundle } from '../../infra/aws/lambda-bundle';
import { createOutpostApp } from '../../infra/aws/outpost-app';
import { ENTRY_FILE } from '../../infra/aws/lambda-build';
import { functions } from '../../shared/topology';

/**
 * The code each function is deployed with, synthesized with bundling on (the
 * other infra tests skip it): every function gets the build of its own entry,
 * with its on-demand chunks beside it, exactly as the bundle tests and the
 * bundle-size benchmark build it.
 */
const outdir = mkdtempSync(path.join(tmpdir(), 'outpost-synth-'));
let template: Template;
let stackFunctions: Record<string, { spec: { entry: string }; node: { defaultChild?: unknown } }>;
let getLogicalId: (element: never) => string;
let bundles: Record<FunctionName, LambdaBundle>;

beforeAll(async () => {
  const { stack } = createOutpostApp({ nag: false, outdir });
  template = Template.fromStack(stack);
  stackFunctions = Object.fromEntries(Object.entries(stack.functions).map(([name, fn]) => [name, { spec: fn.spec, node: fn.function.node }]));
  getLogicalId = (element) => stack.getLogicalId(element);
  bundles = await lambdaBundles();
}, 180_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The asset directory holding one function's code. */
function assetOf(name: string): string {
  const fn = template.findResources('AWS::Lambda::Function')[getLogicalId(stackFunctions[name]!.node.defaultChild as never)]!;
  const key = (fn.Properties as { Code: { S3Key: string } }).Code.S3Key;
  return path.join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
}

describe('the code of every function', () => {
  it('is its own entry: one asset per entry point, none shared by two', () => {
    const assets = Object.keys(stackFunctions).map(assetOf);
    const entries = Object.values(stackFunctions).map((fn) => fn.spec.entry);
    expect(new Set(assets).size).toBe(new Set(entries).size);
  });

  for (const name of Object.keys(functions) as FunctionName[]) {
    it(`${name}: is the build of ${functions[name].entry}, with every chunk it loads`, () => {
      const stackName = Object.keys(stackFunctions).find((n) => stackFunctions[n]!.spec.entry === functions[name].entry)!;
      const dir = assetOf(stackName);
      // Chunk names hash the source maps too, whose paths depend on the output directory: the files are compared by size.
      const built = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.mjs'));
      expect(built).toContain(ENTRY_FILE);
      const sizes = (list: number[]) => list.sort((a, b) => a - b);
      expect(sizes(built.map((file) => statSync(path.join(dir, file)).size))).toEqual(sizes(bundles[name].files.map((f) => f.bytes)));
    });
  }
});
