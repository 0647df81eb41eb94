import { relative } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';

/**
 * Every fast-check property in the suite runs through `assertProperty`, so
 * runs repeat: the same seed every time (`FC_SEED` to try another), and a
 * failure names the seed and the counterexample's path, which replay it
 * exactly:
 *
 *   FC_SEED=<seed> FC_PATH=<path> npx vitest run <file> -t '<test name>'
 *
 * (`FC_PATH` belongs to one property: run only that test with `-t`.)
 */
const DEFAULT_SEED = 20_260_707;

function readSeed(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_SEED;
  const seed = Number(value);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${JSON.stringify(value)}`);
  // fast-check seeds are 32-bit integers; it prints them that way in its reports.
  return seed | 0;
}

/** The seed of this run: `FC_SEED`, or a constant. */
const PROPERTY_SEED = readSeed(process.env.FC_SEED);
const REPLAY_PATH = process.env.FC_PATH?.trim() || undefined;

/** fast-check's run parameters, without the ones this helper owns. */
export type PropertyParameters<Ts> = Omit<fc.Parameters<Ts>, 'seed' | 'path' | 'reporter' | 'asyncReporter'>;

/**
 * `fc.assert` with the run's seed; on failure, throws fast-check's report
 * (counterexample, error) headed by the seed and path and the command that
 * replays it.
 *
 * @example
 * await assertProperty(fc.asyncProperty(itemArb, async (item) => { … }), { numRuns: 25 });
 */
export function assertProperty<Ts>(property: fc.IAsyncProperty<Ts>, params?: PropertyParameters<Ts>): Promise<void>;
export function assertProperty<Ts>(property: fc.IProperty<Ts>, params?: PropertyParameters<Ts>): void;
export function assertProperty<Ts>(property: fc.IRawProperty<Ts>, params: PropertyParameters<Ts> = {}): Promise<void> | void {
  const run: fc.Parameters<Ts> = { ...params, seed: PROPERTY_SEED, ...(REPLAY_PATH ? { path: REPLAY_PATH } : {}) };
  const details = fc.check(property, run);
  return details instanceof Promise ? details.then(report) : report(details);
}

function report<Ts>(details: fc.RunDetails<Ts>): void {
  if (!details.failed) return;
  const path = details.counterexamplePath;
  const replay = `FC_SEED=${details.seed}${path ? ` FC_PATH=${path}` : ''}`;
  const { testPath, currentTestName } = expect.getState();
  const file = testPath ? relative(process.cwd(), testPath) : '<file>';
  // Vitest joins describe and test names with ' > '; -t is a pattern over them joined with spaces. Quoted for a POSIX shell.
  const pattern = (currentTestName ?? '<test>').split(' > ').join(' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const name = pattern.replace(/'/g, "'\\''");
  const heading = `Property failed with seed ${details.seed}${path ? `, path ${path}` : ''}. Replay: ${replay} npx vitest run ${file} -t '${name}'`;
  throw new Error(`${heading}\n${fc.defaultReportMessage(details) ?? ''}`, { cause: details.errorInstance });
}
