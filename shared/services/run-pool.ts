/**
 * Runs `run` over `items` with at most `size` calls in flight, in order of
 * the items; rejects with the first failure (calls already started finish).
 */
export async function runPool<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
