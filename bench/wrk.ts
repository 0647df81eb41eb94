import { spawn, spawnSync } from 'node:child_process';

/** One wrk run, parsed from its text report. */
export interface WrkResult {
  url: string;
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** "Non-2xx or 3xx responses" (so 304s are not errors). */
  non2xx3xx: number;
  /** connect + read + write + timeout socket errors. */
  socketErrors: number;
}

/** The one-line instruction printed when a Debian tool is missing. */
export const INSTALL_HINT = 'sudo apt-get install -y wrk nginx-light';

/** Whether an executable answers on the PATH (or at one of the usual sbin paths). */
export function findExecutable(name: string, args: string[]): string | undefined {
  for (const candidate of [name, `/usr/sbin/${name}`, `/usr/local/sbin/${name}`]) {
    const probe = spawnSync(candidate, args, { encoding: 'utf8' });
    if (!probe.error) return candidate;
  }
  return undefined;
}

function toMs(value: string, unit: string): number {
  const n = Number(value);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n;
}

/** Parses wrk's report (run with --latency). */
export function parseWrk(text: string): Omit<WrkResult, 'url' | 'connections' | 'seconds'> {
  const latency = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(text);
    return m ? toMs(m[1]!, m[2]!) : Number.NaN;
  };
  const requests = Number(/(\d+) requests in/.exec(text)?.[1] ?? Number.NaN);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1] ?? Number.NaN);
  const non2xx3xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(text)?.[1] ?? 0);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const socketErrors = sock ? sock.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return { requests, rps, p50Ms: latency('50'), p99Ms: latency('99'), non2xx3xx, socketErrors };
}

export interface WrkOptions {
  threads?: number;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** A Lua script (wrk -s). */
  script?: string;
}

/**
 * Runs wrk against a 127.0.0.1 URL for a bounded time (at most 60 s) and
 * parses its report. wrk is a separate process, so the load generator does
 * not share an event loop with the server under test.
 */
export async function runWrk(wrk: string, url: string, options: WrkOptions): Promise<WrkResult> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error('Load runs only against 127.0.0.1');
  const seconds = Math.min(60, Math.max(1, Math.round(options.seconds)));
  const threads = Math.min(options.threads ?? 2, options.connections);
  const args = ['-t', String(threads), '-c', String(options.connections), '-d', `${seconds}s`, '--timeout', '5s', '--latency'];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}: ${value}`);
  if (options.script) args.push('-s', options.script);
  args.push(url);
  const text = await new Promise<string>((resolve, reject) => {
    const child = spawn(wrk, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    // Hard bound: wrk stops itself after -d; this only guards against a hang.
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 15) * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`wrk exited with ${code}: ${out.trim().slice(0, 300)}`));
    });
  });
  return { url, connections: options.connections, seconds, ...parseWrk(text) };
}
