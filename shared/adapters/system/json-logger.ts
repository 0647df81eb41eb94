import type { Logger } from '../../ports/logger';
import { asyncCorrelation } from './correlation-scope';

const LEVELS = { info: 0, warn: 1, error: 2 } as const;
export type LogLevel = keyof typeof LEVELS;

let pending: string[] = [];
let flushScheduled = false;
let exitHooked = false;

function flushStdout(): void {
  flushScheduled = false;
  if (pending.length === 0) return;
  const chunk = `${pending.join('\n')}\n`;
  pending = [];
  process.stdout.write(chunk);
}

/**
 * Writes a line to stdout, coalescing the lines of one turn of the event
 * loop into one write: stdout to a file or pipe is a synchronous write(2)
 * per call, which at one request log line per request costs a busy API a
 * tenth of its throughput. Lines are flushed before the loop waits again
 * (setImmediate; in Lambda, before the runtime asks for the next event) and
 * on exit, including an exit on an uncaught exception, in order.
 */
function coalescedStdout(line: string): void {
  pending.push(line);
  if (!flushScheduled) {
    flushScheduled = true;
    if (!exitHooked) {
      exitHooked = true;
      process.once('exit', flushStdout);
    }
    setImmediate(flushStdout);
  }
}

/** JSON lines on stdout, the shape CloudWatch Logs and local terminals both read; each carries the correlation id of the work under way. */
export function jsonLogger(
  base: Record<string, unknown> = {},
  write: (line: string) => void = coalescedStdout,
  minLevel: LogLevel = 'info',
): Logger {
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < LEVELS[minLevel]) return;
    const correlationId = asyncCorrelation.current();
    write(JSON.stringify({ time: new Date().toISOString(), level, message, ...base, ...(correlationId ? { correlationId } : {}), ...fields }));
  };
  return {
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

/** Drops everything: for tests that do not look at logs. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
