/** Error names AWS services use for throttling (SES v2, SNS, and the SDK's generic ones). */
const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'ThrottledException', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown']);

function isThrottling(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return THROTTLING.has(error.name) || status === 429;
}

export interface ThrottleRetryOptions {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const DEFAULT_THROTTLE_RETRY: ThrottleRetryOptions = { attempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 };

/**
 * Runs `call`, retrying throttling errors with exponential backoff and full
 * jitter; any other error, or the last throttling error, is thrown.
 */
export async function retryThrottled<T>(call: () => Promise<T>, options: ThrottleRetryOptions = DEFAULT_THROTTLE_RETRY): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!isThrottling(error) || attempt >= options.attempts) throw error;
      await sleep(Math.floor(random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1))));
    }
  }
}
