/**
 * Insert throughput of small rows (10 columns) into ClickHouse, 50k-row batches, printed as JSON.
 *
 *   node dist/libs/clickhouse/bench/insert-throughput.bench.js [clickhouseUrl] [rows] [rounds]
 *
 * Rounds interleave the variants and the best round of each is reported (the machine is shared).
 *
 * Variants, each into its own fresh ReplacingMergeTree table, each timed end to end (building the
 * rows is excluded, serialisation is included):
 *   - client-objects (the reference): adapter.insert(table, rows) per 50k rows; the client
 *     JSON.stringifies each object and sends one string.
 *   - appender: BatchedAppender fed 1,000 rows per append (a consumer batch), rows serialised once
 *     on append into UTF-8 chunks, flushed at 50k rows as one Buffer through
 *     adapter.insertJsonEachRow (what services use).
 *   - appender-per-row: the same, fed one row per append call (worst case for the chunking).
 *   - appender-pipelined: like appender, but a flush is started without waiting for it, so the
 *     next rows are serialised while the server parses the previous batch; back-pressure (the
 *     hard limit, 4 × 50k rows) is what bounds it.
 *   - lines-stream: rows serialised to lines, sent as a byte Readable of 1,000-line chunks.
 * Ratios are against the reference measured in the same run on the same machine.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import pino from 'pino';
import { BatchedAppender } from '../src/batched-appender';
import { ClickHouseAdapter } from '../src/clickhouse.adapter';
import { ident, sql } from '../src/sql-escape';

interface BenchRow {
  event_id: string;
  event_ms: number;
  shop: string;
  product_id: string;
  quantity: number;
  unit_price: number;
  discount_pct: number;
  category: string;
  region: string;
  user_id: string | null;
}

const BATCH = 50_000;

function makeRows(count: number): BenchRow[] {
  const rows: BenchRow[] = new Array(count);
  for (let i = 0; i < count; i++) {
    rows[i] = {
      event_id: `e-${i}`,
      event_ms: 1_767_225_600_000 + i * 37,
      shop: `shop-${i % 17}`,
      product_id: `P${i % 5000}`,
      quantity: (i % 5) + 1,
      unit_price: (i % 10_000) / 100,
      discount_pct: i % 4 === 0 ? 10 : 0,
      category: ['Books', 'Toys', 'Garden', 'Food'][i % 4] as string,
      region: ['North', 'South', 'East', 'West'][i % 4] as string,
      user_id: i % 3 === 0 ? null : `u-${i % 100_000}`,
    };
  }
  return rows;
}

const DDL = (table: string) => sql`CREATE TABLE IF NOT EXISTS ${ident(table)} (
  event_id String, event_ms UInt64, shop String, product_id String, quantity Int32,
  unit_price Float64, discount_pct Float64, category String, region String, user_id Nullable(String)
) ENGINE = ReplacingMergeTree ORDER BY event_id`;

async function throughAppender(
  adapter: ClickHouseAdapter,
  table: string,
  rows: BenchRow[],
  perAppend: number,
  pipelined = false,
): Promise<void> {
  const appender = new BatchedAppender<BenchRow>({
    table,
    insert: (t, body) => adapter.insertJsonEachRow(t, body),
    maxRows: BATCH,
  });
  let failure: unknown;
  for (let start = 0; start < rows.length; start += perAppend) {
    await appender.append(perAppend === 1 ? [rows[start] as BenchRow] : rows.slice(start, start + perAppend));
    if (!appender.shouldFlush()) continue;
    if (pipelined) {
      appender.flush().catch((err: unknown) => (failure ??= err));
    } else {
      await appender.flush();
    }
  }
  await appender.flush();
  if (failure) throw failure;
}

type Variant = (adapter: ClickHouseAdapter, table: string, rows: BenchRow[]) => Promise<void>;

const variants: Record<string, Variant> = {
  'client-objects': async (adapter, table, rows) => {
    for (let start = 0; start < rows.length; start += BATCH) {
      await adapter.insert(table, rows.slice(start, start + BATCH));
    }
  },
  appender: (adapter, table, rows) => throughAppender(adapter, table, rows, 1000),
  'appender-per-row': (adapter, table, rows) => throughAppender(adapter, table, rows, 1),
  'appender-pipelined': (adapter, table, rows) => throughAppender(adapter, table, rows, 1000, true),
  'lines-stream': async (adapter, table, rows) => {
    for (let start = 0; start < rows.length; start += BATCH) {
      const lines = rows.slice(start, start + BATCH).map((row) => `${JSON.stringify(row)}\n`);
      const chunks = function* (): Generator<Buffer> {
        for (let i = 0; i < lines.length; i += 1000) yield Buffer.from(lines.slice(i, i + 1000).join(''));
      };
      await adapter.insertJsonEachRow(table, Readable.from(chunks(), { objectMode: false }));
    }
  },
};

async function main(): Promise<void> {
  const url = process.argv[2] ?? 'http://127.0.0.1:18123';
  const total = Number(process.argv[3] ?? 1_000_000);
  const database = `pulse_bench_${randomBytes(4).toString('hex')}`;
  const logger = pino({ level: 'warn' });
  const server = new ClickHouseAdapter({ url, database: 'system' }, logger);
  await server.command(sql`CREATE DATABASE IF NOT EXISTS ${ident(database)}`);
  const adapter = new ClickHouseAdapter({ url, database, requestTimeoutMs: 120_000 }, logger);
  const rows = makeRows(total);
  const results: Record<string, { rowsPerSecond: number; seconds: number; ratioToReference: number }> = {};
  try {
    // Warm-up: sockets, JIT, the server's first parts.
    await adapter.command(DDL('warmup'));
    await variants['appender']!(adapter, 'warmup', rows.slice(0, 100_000));

    const seconds: Record<string, number[]> = {};
    const rounds = Number(process.argv[4] ?? 3);
    for (let round = 0; round < rounds; round++) {
      for (const [name, run] of Object.entries(variants)) {
        const table = `${name.replace(/-/g, '_')}_${round}`;
        await adapter.command(DDL(table));
        const started = process.hrtime.bigint();
        await run(adapter, table, rows);
        const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
        const [count] = await adapter.query<{ n: string }>(sql`SELECT count() AS n FROM ${ident(table)}`);
        if (Number(count?.n) !== total) throw new Error(`${name}: expected ${total} rows, found ${count?.n}`);
        (seconds[name] ??= []).push(elapsed);
      }
    }
    const best = (name: string) => Math.min(...(seconds[name] ?? [Infinity]));
    const reference = best('client-objects');
    for (const name of Object.keys(variants)) {
      results[name] = {
        rowsPerSecond: Math.round(total / best(name)),
        seconds: Number(best(name).toFixed(3)),
        ratioToReference: Number((reference / best(name)).toFixed(2)),
      };
    }
    const [version] = await adapter.query<{ v: string }>('SELECT version() AS v');
    console.log(
      JSON.stringify(
        { benchmark: 'clickhouse-insert-throughput', server: version?.v, rows: total, batchRows: BATCH, rounds, bestOf: rounds, results },
        null,
        2,
      ),
    );
  } finally {
    await server.command(sql`DROP DATABASE IF EXISTS ${ident(database)}`);
    await server.close();
    await adapter.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
