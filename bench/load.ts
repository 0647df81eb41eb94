/** Result of one bounded load run against one URL. */
export interface Measurement {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Sends exactly `count` GETs to a 127.0.0.1 URL with `concurrency` in flight
 * and records each latency. Bounded in count; a 30 s deadline stops it early.
 */
export async function measure(url: string, count: number, concurrency: number): Promise<Measurement> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error('Load runs only against 127.0.0.1');
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const deadline = Date.now() + 30_000;
  const started = performance.now();
  const worker = async () => {
    while (next < count && Date.now() < deadline) {
      next += 1;
      const t = performance.now();
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
        if (res.status >= 400) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}
