import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** A running nginx serving one file, and how to stop it. */
export interface NginxBaseline {
  url: string;
  stop(): Promise<void>;
}

export interface NginxOptions {
  nginx: string;
  /** Temporary prefix for the config, logs, pid and document root (under bench/.tmp/). */
  prefix: string;
  port: number;
  /** URL path to serve, e.g. /feeds/all.atom. */
  path: string;
  body: Uint8Array;
  contentType: string;
  /** Extra response headers sent as the API sends them (cache-control, security headers). */
  headers: Record<string, string>;
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not answer at ${url} within ${timeoutMs} ms`);
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Starts nginx in the foreground (`daemon off`, one worker, no access log)
 * on 127.0.0.1 with a throwaway prefix, serving `body` at `path` with the
 * given content type: the static-file baseline the feed is compared with.
 */
export async function startNginx(options: NginxOptions): Promise<NginxBaseline> {
  const prefix = resolve(options.prefix);
  rmSync(prefix, { recursive: true, force: true });
  const root = join(prefix, 'www');
  const file = join(root, options.path);
  mkdirSync(dirname(file), { recursive: true });
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  writeFileSync(file, options.body);
  const headers = Object.entries(options.headers)
    .map(([name, value]) => `      add_header ${name} ${quote(value)} always;`)
    .join('\n');
  const conf = `daemon off;
master_process on;
worker_processes 1;
${process.getuid?.() === 0 ? 'user root;\n' : ''}pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'logs/error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server_tokens off;
  client_body_temp_path ${join(prefix, 'tmp-body')};
  proxy_temp_path ${join(prefix, 'tmp-proxy')};
  fastcgi_temp_path ${join(prefix, 'tmp-fastcgi')};
  uwsgi_temp_path ${join(prefix, 'tmp-uwsgi')};
  scgi_temp_path ${join(prefix, 'tmp-scgi')};
  server {
    listen 127.0.0.1:${options.port};
    root ${root};
    location = ${options.path} {
      types { }
      default_type ${quote(options.contentType)};
${headers}
    }
    location / { return 404; }
  }
}
`;
  const confPath = join(prefix, 'nginx.conf');
  writeFileSync(confPath, conf);
  const child = spawn(options.nginx, ['-p', prefix, '-c', confPath, '-e', join(prefix, 'logs/error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${options.port}${options.path}`;
  try {
    await waitForHttp(url, child, 5000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}${stderr ? `: ${stderr.trim().slice(0, 300)}` : ''}`, { cause: error });
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolveStop();
        });
        // SIGQUIT: graceful shutdown of the master and its worker.
        child.kill('SIGQUIT');
      }),
  };
}
