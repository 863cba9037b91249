import { describe, expect, it } from 'vitest';
import { Mutex, PendingOffsets } from './checkpoint';

describe('PendingOffsets', () => {
  it('keeps the latest offset per partition and hands them over once', () => {
    const pending = new PendingOffsets();
    pending.advance('sales', 0, '10');
    pending.advance('sales', 0, '20');
    pending.advance('sales', 1, '5');
    expect(pending.take()).toEqual([
      { topic: 'sales', partition: 0, offset: '20' },
      { topic: 'sales', partition: 1, offset: '5' },
    ]);
    expect(pending.size).toBe(0);
  });

  it('restores failed commits without overwriting newer progress', () => {
    const pending = new PendingOffsets();
    pending.advance('sales', 0, '10');
    const taken = pending.take();
    pending.advance('sales', 0, '30');
    pending.restore([...taken, { topic: 'sales', partition: 2, offset: '7' }]);
    expect(pending.take()).toEqual([
      { topic: 'sales', partition: 0, offset: '30' },
      { topic: 'sales', partition: 2, offset: '7' },
    ]);
  });
});

describe('Mutex', () => {
  it('runs work one at a time, in call order, even when one fails', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const step = (name: string, ms: number, fail = false) =>
      mutex.run(async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
      });
    const results = await Promise.allSettled([step('a', 20, true), step('b', 1), step('c', 5)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});
