import { AsyncLocalStorage } from 'node:async_hooks';
import type { CorrelationScope } from '../../ports/correlation';

const storage = new AsyncLocalStorage<string | undefined>();

/**
 * The correlation scope of this process, on AsyncLocalStorage: concurrent
 * requests (the local server serves many at once) each see their own id
 * across every await, without passing it down by hand.
 */
export const asyncCorrelation: CorrelationScope = {
  current: () => storage.getStore(),
  run: (id, work) => storage.run(id, work),
};
