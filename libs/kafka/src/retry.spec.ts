import { describe, expect, it } from 'vitest';
import { TransientError, PoisonMessageError, isRetriable } from './kafka.error';
import { backoffDelay, withRetry } from './retry';

const noSleep = async () => undefined;

describe('withRetry', () => {
  it('retries transient failures until the operation succeeds', async () => {
    let calls = 0;
    const retries: number[] = [];
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 4) throw new TransientError('down');
        return 'done';
      },
      { isRetriable, sleep: noSleep, onRetry: (_e, attempt) => void retries.push(attempt) },
    );
    expect(result).toBe('done');
    expect(retries).toEqual([1, 2, 3]);
  });

  it('throws a non-retriable error at once', async () => {
    let calls = 0;
    const poison = new PoisonMessageError('invalid', 'bad');
    await expect(
      withRetry(
        async () => {
          calls++;
          throw poison;
        },
        { isRetriable, sleep: noSleep },
      ),
    ).rejects.toBe(poison);
    expect(calls).toBe(1);
  });

  it('gives up after maxAttempts', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new TransientError('down');
        },
        { isRetriable, sleep: noSleep },
        { initialMs: 1, maxMs: 2, maxAttempts: 3 },
      ),
    ).rejects.toThrow('down');
    expect(calls).toBe(3);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially within [ceiling/2, ceiling] and is capped', () => {
    const options = { initialMs: 100, maxMs: 1000, maxAttempts: Infinity };
    expect(backoffDelay(1, options, () => 0)).toBe(50);
    expect(backoffDelay(1, options, () => 1)).toBe(100);
    expect(backoffDelay(3, options, () => 1)).toBe(400);
    expect(backoffDelay(10, options, () => 1)).toBe(1000);
  });
});
