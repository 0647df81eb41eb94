import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The API running in its own process (bench/api-server.ts). */
export interface ApiProcess {
  baseUrl: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts bench/api-server.ts under tsx on 127.0.0.1:`port` against an existing table. */
export function startApiProcess(options: { endpoint: string; tableName: string; port: number }): Promise<ApiProcess> {
  return startServerProcess('./api-server.ts', options.port, { BENCH_DDB_ENDPOINT: options.endpoint, BENCH_TABLE: options.tableName });
}

/** Starts bench/bare-hono-server.ts: one Hono route returning `file`'s bytes at `path` with `headers`. */
export function startBareHonoProcess(options: { port: number; file: string; path: string; headers: Record<string, string> }): Promise<ApiProcess> {
  return startServerProcess('./bare-hono-server.ts', options.port, { BENCH_BARE_FILE: options.file, BENCH_BARE_PATH: options.path, BENCH_BARE_HEADERS: JSON.stringify(options.headers) });
}

async function startServerProcess(script: string, port: number, env: Record<string, string>): Promise<ApiProcess> {
  const child: ChildProcess = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
    // BENCH_CPU_PROF=1 writes a V8 CPU profile of the API process to bench/.tmp/prof/ (open it in Chrome DevTools).
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', 'bench/.tmp/prof'] : [])],
    // Request log lines go to /dev/null: they are produced (the cost is measured), not kept.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, ...env, BENCH_PORT: String(port), NODE_ENV: 'production' },
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 30 s`)), 30_000);
    child.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
