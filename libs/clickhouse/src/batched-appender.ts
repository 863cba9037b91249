import { setTimeout as delay } from 'node:timers/promises';
import { ClickHouseInsertError, isRetriable } from './clickhouse.error';

/**
 * Sends one JSONEachRow body (newline-terminated JSON objects, UTF-8) to a table. With an adapter:
 * `insert: (table, body) => adapter.insertJsonEachRow(table, body)`.
 */
export type InsertBodyFn = (table: string, body: string) => Promise<void>;

export interface BatchedAppenderOptions<Row> {
  table: string;
  insert: InsertBodyFn;
  /** shouldFlush() once this many rows are buffered. @default 50_000 */
  maxRows?: number;
  /** shouldFlush() once the buffered JSON reaches this many bytes. @default 16 MiB */
  maxBytes?: number;
  /** shouldFlush() once the oldest buffered row is this old. @default 1000 */
  maxDelayMs?: number;
  /** Hard limit: append() waits for a flush while more rows than this are unacknowledged. @default 4 × maxRows */
  maxBufferedRows?: number;
  /** Hard limit in bytes, same rule. @default 4 × maxBytes */
  maxBufferedBytes?: number;
  /** First retry delay; doubles each attempt. @default 100 */
  initialBackoffMs?: number;
  /** Cap of the retry delay. @default 30_000 */
  maxBackoffMs?: number;
  /** Give up (rows stay buffered) after this many attempts of one insert. @default Infinity */
  maxAttempts?: number;
  /**
   * Called before each retry sleep: the Kafka consumer heartbeats here. If it throws, the flush
   * fails with that error (the rows stay buffered).
   */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void | Promise<void>;
  /** @default node:timers/promises setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** Clock for maxDelayMs. @default Date.now */
  now?: () => number;
  /**
   * One row to one line of JSON (no newline). @default JSON.stringify. Note for DateTime columns:
   * JSON.stringify writes Dates as ISO strings, which 18.16 cannot parse; store
   * toClickHouseDateTime(date) or unix seconds in the row instead.
   */
  serialize?: (row: Row) => string;
}

export const APPENDER_DEFAULTS = {
  maxRows: 50_000,
  maxBytes: 16 * 1024 * 1024,
  maxDelayMs: 1000,
  initialBackoffMs: 100,
  maxBackoffMs: 30_000,
  maxAttempts: Number.POSITIVE_INFINITY,
} as const;

/** What a SinkGroup needs from an appender. */
export interface FlushableSink {
  readonly table: string;
  readonly bufferedRows: number;
  readonly bufferedBytes: number;
  shouldFlush(): boolean;
  flush(): Promise<void>;
}

/**
 * Buffers rows for one table and writes them in large JSONEachRow inserts.
 *
 * - Each row is serialised once, on append, and its UTF-8 bytes counted then. A flush joins the
 *   lines into one string that the HTTP layer encodes as it writes (measured faster than keeping
 *   Buffers: encoding in JS costs more than the join; see bench/insert-throughput.bench.ts).
 * - The caller decides when to flush (shouldFlush, or the checkpoint's flushAll); append() only
 *   flushes by itself when the hard limits are passed, and then makes its caller wait: memory stays
 *   bounded by the hard limits plus one append.
 * - One insert at a time. Rows appended during a flush wait for the next one.
 * - Retriable failures are retried with exponential backoff; on any final failure the rows go back
 *   to the front of the buffer and the error (ClickHouseInsertError, with the table) propagates.
 *   Rows are never dropped. A retry can duplicate rows the server did store before the connection
 *   broke: tables must deduplicate on their key (ReplacingMergeTree on event_id).
 */
export class BatchedAppender<Row> implements FlushableSink {
  readonly table: string;
  private readonly insert: InsertBodyFn;
  private readonly maxRows: number;
  private readonly maxBytes: number;
  private readonly maxDelayMs: number;
  private readonly maxBufferedRows: number;
  private readonly maxBufferedBytes: number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxAttempts: number;
  private readonly onRetry: BatchedAppenderOptions<Row>['onRetry'];
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly serialize: (row: Row) => string;

  /**
   * Serialised rows not yet handed to an insert: one string per append call, its rows' JSON
   * joined by newlines. Fewer, larger strings than one per row: less for the GC to trace and move.
   */
  private pending: string[] = [];
  private pendingRows = 0;
  private pendingBytes = 0;
  private oldestAt: number | undefined;
  private inFlightRows = 0;
  private inFlightBytes = 0;
  private flushing: Promise<void> | undefined;

  constructor(options: BatchedAppenderOptions<Row>) {
    const o = { ...APPENDER_DEFAULTS, ...withoutUndefined(options) };
    this.table = o.table;
    this.insert = o.insert;
    this.maxRows = o.maxRows;
    this.maxBytes = o.maxBytes;
    this.maxDelayMs = o.maxDelayMs;
    this.maxBufferedRows = o.maxBufferedRows ?? 4 * o.maxRows;
    this.maxBufferedBytes = o.maxBufferedBytes ?? 4 * o.maxBytes;
    this.initialBackoffMs = o.initialBackoffMs;
    this.maxBackoffMs = o.maxBackoffMs;
    this.maxAttempts = o.maxAttempts;
    this.onRetry = o.onRetry;
    this.sleep = o.sleep ?? ((ms) => delay(ms));
    this.now = o.now ?? Date.now;
    this.serialize = o.serialize ?? JSON.stringify;
    this.validate();
  }

  /** Rows appended and not yet acknowledged by the server (buffered plus in flight). */
  get bufferedRows(): number {
    return this.pendingRows + this.inFlightRows;
  }

  /** Bytes of JSON appended and not yet acknowledged (buffered plus in flight). */
  get bufferedBytes(): number {
    return this.pendingBytes + this.inFlightBytes;
  }

  /** True when the rows waiting for the next flush reach maxRows, maxBytes or maxDelayMs. */
  shouldFlush(): boolean {
    if (this.pendingRows === 0) return false;
    return (
      this.pendingRows >= this.maxRows ||
      this.pendingBytes >= this.maxBytes ||
      this.now() - (this.oldestAt ?? this.now()) >= this.maxDelayMs
    );
  }

  /**
   * Buffers the rows (synchronously: they are in the buffer when this returns). The promise
   * resolves at once, or, when the hard limits are passed, after flushes have brought the buffer
   * back under them; it rejects if such a flush fails (the rows stay buffered).
   */
  async append(rows: Iterable<Row>): Promise<void> {
    const lines: string[] = [];
    for (const row of rows) {
      const json = this.serialize(row);
      if (typeof json !== 'string') {
        throw new TypeError(`${this.table}: serialize returned ${typeof json} instead of a JSON string`);
      }
      lines.push(json);
    }
    if (lines.length === 0) return;
    const chunk = lines.length === 1 ? (lines[0] as string) : lines.join('\n');
    if (this.pendingRows === 0) this.oldestAt = this.now();
    this.pending.push(chunk);
    this.pendingRows += lines.length;
    this.pendingBytes += Buffer.byteLength(chunk) + 1; // the chunk has the newlines between its rows; + the one after it

    while (this.overHardLimit()) {
      await this.flush();
    }
  }

  /**
   * Inserts everything appended before this call; resolves once the server acknowledged it.
   * Waits for a flush already in flight first (one insert at a time).
   */
  async flush(): Promise<void> {
    while (this.flushing) {
      // Someone else's flush: its failure is theirs; if it failed, its rows are back in `pending`
      // and this call sends them again.
      await this.flushing.catch(() => undefined);
    }
    if (this.pendingRows === 0) return;
    const flushing = this.flushPending();
    this.flushing = flushing;
    try {
      await flushing;
    } finally {
      this.flushing = undefined;
    }
  }

  private async flushPending(): Promise<void> {
    const chunks = this.pending;
    const rows = this.pendingRows;
    const bytes = this.pendingBytes;
    const oldestAt = this.oldestAt;
    this.pending = [];
    this.pendingRows = 0;
    this.pendingBytes = 0;
    this.oldestAt = undefined;
    this.inFlightRows = rows;
    this.inFlightBytes = bytes;
    try {
      await this.insertWithRetry(`${chunks.join('\n')}\n`, rows);
    } catch (err) {
      // Never drop rows: back in front of whatever was appended meanwhile, order kept.
      this.pending = chunks.concat(this.pending);
      this.pendingRows += rows;
      this.pendingBytes += bytes;
      this.oldestAt = oldestAt;
      throw err;
    } finally {
      this.inFlightRows = 0;
      this.inFlightBytes = 0;
    }
  }

  private async insertWithRetry(body: string, rows: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.insert(this.table, body);
        return;
      } catch (err) {
        if (!isRetriable(err) || attempt >= this.maxAttempts) {
          throw new ClickHouseInsertError(this.table, rows, attempt, err);
        }
        const delayMs = Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** (attempt - 1));
        await this.onRetry?.(err, attempt, delayMs);
        await this.sleep(delayMs);
      }
    }
  }

  private overHardLimit(): boolean {
    return this.bufferedRows > this.maxBufferedRows || this.bufferedBytes > this.maxBufferedBytes;
  }

  private validate(): void {
    const problems: string[] = [];
    if (typeof this.table !== 'string' || this.table === '') problems.push('table must be a non-empty string');
    if (typeof this.insert !== 'function') problems.push('insert must be a function (table, body) => Promise<void>');
    const positive: Array<[string, number]> = [
      ['maxRows', this.maxRows],
      ['maxBytes', this.maxBytes],
      ['maxBufferedRows', this.maxBufferedRows],
      ['maxBufferedBytes', this.maxBufferedBytes],
      ['maxAttempts', this.maxAttempts],
    ];
    for (const [name, value] of positive) {
      if (!(value > 0) || (Number.isFinite(value) && !Number.isInteger(value))) {
        problems.push(`${name} must be a positive integer, got ${value}`);
      }
    }
    for (const [name, value] of [
      ['maxDelayMs', this.maxDelayMs],
      ['initialBackoffMs', this.initialBackoffMs],
      ['maxBackoffMs', this.maxBackoffMs],
    ] as Array<[string, number]>) {
      if (!(value >= 0) || !Number.isFinite(value)) problems.push(`${name} must be a finite number ≥ 0, got ${value}`);
    }
    if (this.maxBufferedRows < this.maxRows) problems.push('maxBufferedRows must be ≥ maxRows');
    if (this.maxBufferedBytes < this.maxBytes) problems.push('maxBufferedBytes must be ≥ maxBytes');
    if (problems.length > 0) {
      throw new TypeError(`invalid BatchedAppender options for ${String(this.table)}: ${problems.join('; ')}`);
    }
  }
}

/**
 * The appenders one consumer writes to. The Kafka transport's checkpoint calls flushAll() before
 * committing offsets: effects durable, then outputs produced, then offsets committed.
 */
export class SinkGroup {
  private readonly sinks: FlushableSink[] = [];

  constructor(sinks: Iterable<FlushableSink> = []) {
    for (const sink of sinks) this.add(sink);
  }

  add(sink: FlushableSink): this {
    if (this.sinks.some((existing) => existing.table === sink.table)) {
      throw new TypeError(`SinkGroup already has an appender for table ${sink.table}`);
    }
    this.sinks.push(sink);
    return this;
  }

  get bufferedRows(): number {
    return this.sinks.reduce((sum, sink) => sum + sink.bufferedRows, 0);
  }

  get bufferedBytes(): number {
    return this.sinks.reduce((sum, sink) => sum + sink.bufferedBytes, 0);
  }

  /** True when any appender wants a flush. */
  shouldFlush(): boolean {
    return this.sinks.some((sink) => sink.shouldFlush());
  }

  /**
   * Flushes every appender concurrently and resolves once every insert is acknowledged. If any
   * fails it waits for the others to settle, then throws: the first non-retriable error if there
   * is one (the consumer must stop), else the first error.
   */
  async flushAll(): Promise<void> {
    const results = await Promise.allSettled(this.sinks.map((sink) => sink.flush()));
    const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    if (failures.length === 0) return;
    throw failures.find((err) => !isRetriable(err)) ?? failures[0];
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
