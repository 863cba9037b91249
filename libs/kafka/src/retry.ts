export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Give up after this many attempts; Infinity retries until `shouldStop` says so. */
  maxAttempts: number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 200, maxMs: 10_000, maxAttempts: Number.POSITIVE_INFINITY };

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Delay before attempt `attempt` (1-based retry count): exponential with full jitter, capped. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Runs `operation`, retrying while the error is retriable. Non-retriable errors are thrown at once:
 * retrying a programmer error or a poison message only hides it.
 */
export async function withRetry<T>(
  operation: () => Promise<T>,
  hooks: {
    isRetriable: (err: unknown) => boolean;
    onRetry?: (err: unknown, attempt: number, delayMs: number) => void | Promise<void>;
    shouldStop?: () => boolean;
    sleep?: (ms: number) => Promise<void>;
  },
  options: BackoffOptions = defaultBackoff,
): Promise<T> {
  const wait = hooks.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (err) {
      if (!hooks.isRetriable(err) || attempt >= options.maxAttempts || hooks.shouldStop?.()) throw err;
      const delay = backoffDelay(attempt, options);
      await hooks.onRetry?.(err, attempt, delay);
      await wait(delay);
    }
  }
}
