import { describe, expect, it } from 'vitest';
import { BatchedAppender, SinkGroup, type BatchedAppenderOptions } from './batched-appender';
import {
  ClickHouseInsertError,
  ClickHouseQueryError,
  ClickHouseUnavailableError,
} from './clickhouse.error';

interface Row {
  id: number;
  name: string;
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (err: unknown) => void } {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Let pending promise callbacks run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

const rows = (from: number, count: number): Row[] =>
  Array.from({ length: count }, (_, i) => ({ id: from + i, name: `row ${from + i}` }));

const idsOf = (body: string): number[] =>
  body
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as Row).id);

/** An appender whose inserts are recorded and answered by `answer` (default: acknowledged). */
function harness(options: Partial<BatchedAppenderOptions<Row>> = {}, answer?: (call: number) => Promise<void>) {
  const bodies: string[] = [];
  const sleeps: number[] = [];
  const clock = { now: 1_000 };
  const appender = new BatchedAppender<Row>({
    table: 'sales',
    insert: async (table, body) => {
      expect(table).toBe(options.table ?? 'sales');
      bodies.push(body);
      if (answer) await answer(bodies.length);
    },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    now: () => clock.now,
    ...options,
  });
  return { appender, bodies, sleeps, clock };
}

const unavailable = () => new ClickHouseUnavailableError('ClickHouse unavailable: connect ECONNREFUSED');

describe('BatchedAppender thresholds', () => {
  it('documents its defaults: 50k rows, 16 MiB, 1 s', async () => {
    const { appender } = harness();
    await appender.append(rows(0, 49_999));
    expect(appender.shouldFlush()).toBe(false);
    await appender.append(rows(49_999, 1));
    expect(appender.shouldFlush()).toBe(true);

    const timed = harness();
    await timed.appender.append(rows(0, 1));
    timed.clock.now += 999;
    expect(timed.appender.shouldFlush()).toBe(false);
    timed.clock.now += 1;
    expect(timed.appender.shouldFlush()).toBe(true);
  });

  it('is false when empty, whatever the clock says', () => {
    const { appender, clock } = harness();
    clock.now += 1e9;
    expect(appender.shouldFlush()).toBe(false);
  });

  it('counts bytes of the serialised JSON, UTF-8, newline included', async () => {
    const { appender } = harness({ maxBytes: 64 });
    await appender.append([{ id: 1, name: 'é' }]); // {"id":1,"name":"é"}\n = 21 bytes
    expect(appender.bufferedBytes).toBe(21);
    expect(appender.bufferedRows).toBe(1);
    expect(appender.shouldFlush()).toBe(false);
    await appender.append([{ id: 2, name: 'x'.repeat(30) }]);
    expect(appender.shouldFlush()).toBe(true);
  });

  it('ages from the oldest row still buffered', async () => {
    const { appender, clock } = harness({ maxDelayMs: 100 });
    await appender.append(rows(0, 1));
    clock.now += 60;
    await appender.append(rows(1, 1));
    clock.now += 40;
    expect(appender.shouldFlush()).toBe(true);
    await appender.flush();
    await appender.append(rows(2, 1));
    expect(appender.shouldFlush()).toBe(false);
  });
});

describe('BatchedAppender flush', () => {
  it('sends all buffered rows in one JSONEachRow body, serialising each row once', async () => {
    let serialised = 0;
    const { appender, bodies } = harness({
      serialize: (row) => {
        serialised++;
        return JSON.stringify(row);
      },
    });
    await appender.append(rows(0, 3));
    await appender.append(rows(3, 2));
    const bytes = appender.bufferedBytes;
    await appender.flush();
    expect(bodies).toHaveLength(1);
    expect(Buffer.byteLength(bodies[0]!)).toBe(bytes);
    expect(bodies[0]).toBe(rows(0, 5).map((row) => `${JSON.stringify(row)}\n`).join(''));
    expect(serialised).toBe(5);
    expect(appender.bufferedRows).toBe(0);
    expect(appender.bufferedBytes).toBe(0);
    await appender.flush(); // nothing to send
    expect(bodies).toHaveLength(1);
  });

  it('retries retriable failures with capped exponential backoff, calling onRetry before each sleep', async () => {
    const retries: Array<[number, number]> = [];
    const { appender, bodies, sleeps } = harness(
      {
        initialBackoffMs: 100,
        maxBackoffMs: 1000,
        onRetry: (err, attempt, delayMs) => {
          expect(err).toBeInstanceOf(ClickHouseUnavailableError);
          retries.push([attempt, delayMs]);
        },
      },
      async (call) => {
        if (call <= 6) throw unavailable();
      },
    );
    await appender.append(rows(0, 10));
    await appender.flush();
    expect(sleeps).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(retries).toEqual([
      [1, 100],
      [2, 200],
      [3, 400],
      [4, 800],
      [5, 1000],
      [6, 1000],
    ]);
    expect(new Set(bodies).size).toBe(1); // the same body every attempt
    expect(idsOf(bodies[6]!)).toEqual(rows(0, 10).map((r) => r.id));
    expect(appender.bufferedRows).toBe(0);
  });

  it('does not retry a non-retriable error: it propagates with the table name and the rows stay buffered', async () => {
    let fail = true;
    const { appender, bodies, sleeps } = harness({}, async () => {
      if (fail) throw new ClickHouseQueryError('ClickHouse error 60: Table pulse.sales does not exist');
    });
    await appender.append(rows(0, 3));
    const error = await appender.flush().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ClickHouseInsertError);
    expect(error).toMatchObject({ table: 'sales', rows: 3, attempts: 1, retriable: false });
    expect((error as Error).message).toMatch(/insert of 3 rows into sales failed after 1 attempt\(s\): .*does not exist/);
    expect((error as Error).cause).toBeInstanceOf(ClickHouseQueryError);
    expect(sleeps).toEqual([]);
    expect(appender.bufferedRows).toBe(3);

    // Rows appended after the failure queue behind the failed ones; nothing is lost or reordered.
    await appender.append(rows(3, 2));
    fail = false;
    await appender.flush();
    expect(idsOf(bodies.at(-1)!)).toEqual([0, 1, 2, 3, 4]);
    expect(appender.bufferedRows).toBe(0);
  });

  it('treats unknown errors (programmer errors) as not retriable', async () => {
    const { appender, sleeps } = harness({}, async () => {
      throw new TypeError('boom');
    });
    await appender.append(rows(0, 1));
    await expect(appender.flush()).rejects.toMatchObject({ retriable: false, attempts: 1 });
    expect(sleeps).toEqual([]);
  });

  it('gives up after maxAttempts with a retriable error and keeps the rows', async () => {
    const { appender, sleeps } = harness({ maxAttempts: 3 }, async () => {
      throw unavailable();
    });
    await appender.append(rows(0, 2));
    await expect(appender.flush()).rejects.toMatchObject({ retriable: true, attempts: 3, table: 'sales' });
    expect(sleeps).toEqual([100, 200]);
    expect(appender.bufferedRows).toBe(2);
    expect(appender.shouldFlush()).toBe(false); // 2 rows, age 0
  });

  it('propagates an onRetry failure (a lost heartbeat) unchanged and keeps the rows', async () => {
    const rebalance = new Error('The group is rebalancing');
    const { appender } = harness(
      {
        onRetry: () => {
          throw rebalance;
        },
      },
      async () => {
        throw unavailable();
      },
    );
    await appender.append(rows(0, 4));
    await expect(appender.flush()).rejects.toBe(rebalance);
    expect(appender.bufferedRows).toBe(4);
  });

  it('runs one insert at a time; rows appended meanwhile go in the next insert, which a later flush() waits for', async () => {
    const gates: Array<ReturnType<typeof deferred>> = [];
    let running = 0;
    let maxRunning = 0;
    const { appender, bodies } = harness({}, async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
      running--;
    });
    await appender.append(rows(0, 2));
    const first = appender.flush();
    await settle();
    expect(bodies).toHaveLength(1);
    expect(appender.bufferedRows).toBe(2); // in flight still counts until acknowledged

    await appender.append(rows(2, 3));
    const second = appender.flush();
    const third = appender.flush();
    await settle();
    expect(bodies).toHaveLength(1); // waiting for the first insert

    let secondDone = false;
    void second.then(() => (secondDone = true));
    gates[0]!.resolve();
    await first;
    await settle();
    expect(bodies).toHaveLength(2);
    expect(idsOf(bodies[1]!)).toEqual([2, 3, 4]);
    expect(secondDone).toBe(false); // not acknowledged yet
    gates[1]!.resolve();
    await Promise.all([second, third]);
    expect(maxRunning).toBe(1);
    expect(bodies).toHaveLength(2);
    expect(appender.bufferedRows).toBe(0);
  });

  it('a flush() waiting behind a failed flush sends the failed rows itself', async () => {
    const gate = deferred();
    let call = 0;
    const { appender, bodies } = harness({}, async () => {
      call++;
      if (call === 1) {
        await gate.promise;
        throw new ClickHouseQueryError('bad');
      }
    });
    await appender.append(rows(0, 2));
    const first = appender.flush();
    await settle();
    await appender.append(rows(2, 1));
    const second = appender.flush();
    gate.resolve();
    await expect(first).rejects.toBeInstanceOf(ClickHouseInsertError);
    await second;
    expect(idsOf(bodies[1]!)).toEqual([0, 1, 2]);
    expect(appender.bufferedRows).toBe(0);
  });
});

describe('BatchedAppender back-pressure', () => {
  it('makes append wait for a flush once the hard row limit is passed', async () => {
    const gates: Array<ReturnType<typeof deferred>> = [];
    const { appender, bodies } = harness({ maxRows: 2, maxBufferedRows: 4 }, async () => {
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
    });
    await appender.append(rows(0, 4)); // at the limit: no wait
    expect(bodies).toHaveLength(0);

    let appended = false;
    const over = appender.append(rows(4, 1)).then(() => (appended = true));
    expect(appender.bufferedRows).toBe(5); // rows are buffered at once
    await settle();
    expect(bodies).toHaveLength(1); // a flush started by the back-pressure
    expect(appended).toBe(false);

    gates[0]!.resolve();
    await over;
    expect(appended).toBe(true);
    expect(appender.bufferedRows).toBe(0);
  });

  it('bounds memory: a producer that awaits append never holds more than the limit plus one append', async () => {
    let peak = 0;
    const { appender } = harness({ maxRows: 10, maxBufferedRows: 30 }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
    });
    for (let i = 0; i < 100; i++) {
      await appender.append(rows(i * 7, 7));
      peak = Math.max(peak, appender.bufferedRows);
      if (appender.shouldFlush()) void appender.flush().catch(() => undefined);
    }
    await appender.flush();
    expect(peak).toBeLessThanOrEqual(30 + 7);
    expect(appender.bufferedRows).toBe(0);
  });

  it('applies the byte limit too', async () => {
    const { appender, bodies } = harness({ maxBytes: 100, maxBufferedBytes: 100 });
    await appender.append([{ id: 1, name: 'x'.repeat(200) }]);
    expect(bodies).toHaveLength(1);
    expect(appender.bufferedBytes).toBe(0);
  });

  it('rejects the waiting append when the flush fails, keeping its rows', async () => {
    const { appender } = harness({ maxRows: 1, maxBufferedRows: 1 }, async () => {
      throw new ClickHouseQueryError('bad');
    });
    await appender.append(rows(0, 1));
    await expect(appender.append(rows(1, 1))).rejects.toBeInstanceOf(ClickHouseInsertError);
    expect(appender.bufferedRows).toBe(2);
  });
});

describe('BatchedAppender options', () => {
  it('lists every bad option at once', () => {
    expect(
      () =>
        new BatchedAppender({
          table: 't',
          insert: async () => undefined,
          maxRows: 0,
          maxDelayMs: -1,
          maxBufferedBytes: 10,
        }),
    ).toThrow(/maxRows must be a positive integer.*maxDelayMs must be a finite number.*maxBufferedBytes must be ≥ maxBytes/);
  });

  it('rejects a serializer that returns no string', async () => {
    const { appender } = harness({ serialize: () => undefined as unknown as string });
    await expect(appender.append(rows(0, 1))).rejects.toThrow(/serialize returned undefined/);
    expect(appender.bufferedRows).toBe(0);
  });
});

describe('SinkGroup', () => {
  it('wants a flush when any appender does and flushes all of them', async () => {
    const a = harness();
    const b = harness({ table: 'other', maxRows: 1 });
    const group = new SinkGroup([a.appender, b.appender]);
    await a.appender.append(rows(0, 1));
    expect(group.shouldFlush()).toBe(false);
    await b.appender.append(rows(0, 1));
    expect(group.shouldFlush()).toBe(true);
    expect(group.bufferedRows).toBe(2);
    await group.flushAll();
    expect(a.bodies).toHaveLength(1);
    expect(b.bodies).toHaveLength(1);
    expect(group.bufferedRows).toBe(0);
    expect(group.bufferedBytes).toBe(0);
  });

  it('resolves only when every insert is acknowledged', async () => {
    const gate = deferred();
    const slow = harness({}, () => gate.promise);
    const fast = harness({ table: 'fast' });
    const group = new SinkGroup([slow.appender, fast.appender]);
    await slow.appender.append(rows(0, 1));
    await fast.appender.append(rows(0, 1));
    let done = false;
    const flushed = group.flushAll().then(() => (done = true));
    await settle();
    expect(fast.bodies).toHaveLength(1);
    expect(done).toBe(false);
    gate.resolve();
    await flushed;
    expect(done).toBe(true);
  });

  it('waits for all and reports the non-retriable failure first', async () => {
    const retriable = harness({ table: 'a', maxAttempts: 1 }, async () => {
      throw unavailable();
    });
    const fatal = harness({ table: 'b' }, async () => {
      throw new ClickHouseQueryError('bad');
    });
    const fine = harness({ table: 'c' });
    const group = new SinkGroup().add(retriable.appender).add(fatal.appender).add(fine.appender);
    for (const h of [retriable, fatal, fine]) await h.appender.append(rows(0, 1));
    await expect(group.flushAll()).rejects.toMatchObject({ table: 'b', retriable: false });
    expect(fine.bodies).toHaveLength(1);
    expect(retriable.appender.bufferedRows).toBe(1);
    expect(fatal.appender.bufferedRows).toBe(1);
  });

  it('refuses two appenders for one table', () => {
    const group = new SinkGroup([harness().appender]);
    expect(() => group.add(harness().appender)).toThrow(/already has an appender for table sales/);
  });
});
