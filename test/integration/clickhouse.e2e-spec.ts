import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BatchedAppender,
  ClickHouseAdapter,
  ClickHouseInsertError,
  ClickHouseQueryError,
  ClickHouseUnavailableError,
  MigrationError,
  SinkGroup,
  ident,
  runMigrations,
  sql,
  toClickHouseDateTime,
  type SqlValue,
} from '#clickhouse';
import { stackEnv } from '../support/local-stack';
import { uniqueNamespace } from '../support/unique-names';

const quiet = pino({ level: 'silent' });

interface EventRow {
  event_id: string;
  event_ms: number;
  shop: string;
  product_id: string;
  quantity: number;
  unit_price: number;
  tags: string[];
  note: string | null;
  created_at: string;
  version: number;
}

const MIGRATION_1 = `
-- Events deduplicated on event_id: a redelivered batch collapses (count with FINAL).
CREATE TABLE IF NOT EXISTS events (
  event_id String,
  event_ms UInt64,
  shop String,
  product_id String,
  quantity Int32,
  unit_price Float64,
  tags Array(String),
  note Nullable(String),
  created_at DateTime,
  version UInt32
) ENGINE = ReplacingMergeTree(version)
ORDER BY event_id;
`;

const MIGRATION_2 = `
CREATE TABLE IF NOT EXISTS strings (id UInt32, value String) ENGINE = MergeTree ORDER BY id;
/* a view; the ';' in this comment and in the literal below must not split anything */
CREATE VIEW IF NOT EXISTS events_per_shop AS
  SELECT shop, count() AS events, 'a;b' AS marker FROM events FINAL GROUP BY shop;
`;

// 18.16 has no ADD COLUMN IF NOT EXISTS: the runner treats "already exists" as applied.
const MIGRATION_3 = `ALTER TABLE strings ADD COLUMN note String DEFAULT ''`;

const HOSTILE: readonly string[] = [
  '',
  "'",
  "''",
  '\\',
  "\\'",
  "'; DROP TABLE events; --",
  "' OR '1'='1",
  "a'); DROP TABLE events; /*",
  '`backtick` "double"',
  'line\nbreak\r\nand\ttab',
  'nul\0byte\0',
  '\x01\x02\x1b[31mred\x1b[0m\x7f',
  '\\x41 is not A, \\n is not a newline, \\0 is not NUL',
  'ünïcödé — 日本語 — עברית — 👩‍👩‍👧‍👦 — e\u0301',
  '{x:String} ? $1 %s',
  '-- not a comment',
  '/* not a comment */',
  'y'.repeat(100_000), // well under max_query_size (256 KiB) once quoted
];

function event(i: number, version: number): EventRow {
  return {
    event_id: `e-${i}`,
    event_ms: 1_767_225_600_000 + i,
    shop: `shop-${i % 17}`,
    product_id: `P${i % 1000}`,
    quantity: (i % 5) + 1,
    unit_price: Math.round(i % 10_000) / 100,
    tags: i % 3 === 0 ? ['promo', 'web'] : [],
    note: i % 7 === 0 ? null : `note ${i}`,
    created_at: toClickHouseDateTime(new Date(1_767_225_600_000 + i * 1000)),
    version,
  };
}

describe('ClickHouse lib against a real server', () => {
  const { database } = uniqueNamespace('ch');
  const url = stackEnv().clickhouseUrl;
  let migrationsDir: string;
  let adapter: ClickHouseAdapter;

  beforeAll(async () => {
    migrationsDir = await mkdtemp(join(tmpdir(), 'pulse-ch-migrations-'));
    await writeFile(join(migrationsDir, '001_events.sql'), MIGRATION_1);
    await writeFile(join(migrationsDir, '002_strings_and_view.sql'), MIGRATION_2);
    await writeFile(join(migrationsDir, '003_strings_note.sql'), MIGRATION_3);
    adapter = new ClickHouseAdapter({ url, database, requestTimeoutMs: 60_000 }, quiet);
  });

  afterAll(async () => {
    const server = adapter.withDatabase('system');
    await server.command(sql`DROP DATABASE IF EXISTS ${ident(database)}`);
    await server.close();
    await adapter.close();
    await rm(migrationsDir, { recursive: true, force: true });
  });

  it('creates the database and applies migrations once; a second run and a concurrent run change nothing', async () => {
    const first = await runMigrations(adapter, { dir: migrationsDir, logger: quiet });
    expect(first).toEqual({
      database,
      applied: ['001_events.sql', '002_strings_and_view.sql', '003_strings_note.sql'],
      alreadyApplied: 0,
    });

    const again = await Promise.all([
      runMigrations(adapter, { dir: migrationsDir, logger: quiet }),
      runMigrations(adapter, { dir: migrationsDir, logger: quiet }),
    ]);
    for (const result of again) expect(result).toEqual({ database, applied: [], alreadyApplied: 3 });

    const recorded = await adapter.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations FINAL ORDER BY version',
    );
    expect(recorded.map((r) => [Number(r.version), r.name])).toEqual([
      [1, 'events'],
      [2, 'strings_and_view'],
      [3, 'strings_note'],
    ]);
    const tables = await adapter.query<{ name: string }>(sql`SELECT name FROM system.tables WHERE database = ${database} ORDER BY name`);
    expect(tables.map((t) => t.name)).toEqual(['events', 'events_per_shop', 'schema_migrations', 'strings']);
  });

  it('runs two first-time migrations concurrently on a fresh database', async () => {
    const other = uniqueNamespace('chm').database;
    try {
      const results = await Promise.all([
        runMigrations(adapter, { dir: migrationsDir, database: other, logger: quiet }),
        runMigrations(adapter, { dir: migrationsDir, database: other, logger: quiet }),
      ]);
      expect(results.every((r) => r.applied.length + r.alreadyApplied === 3)).toBe(true);
      const recorded = await adapter.query<{ n: string }>(
        sql`SELECT count() AS n FROM ${ident(`${other}.schema_migrations`)} FINAL`,
      );
      expect(Number(recorded[0]!.n)).toBe(3);
    } finally {
      await adapter.command(sql`DROP DATABASE IF EXISTS ${ident(other)}`);
    }
  });

  it('refuses to run when an applied migration file changed, naming it', async () => {
    const changed = await mkdtemp(join(tmpdir(), 'pulse-ch-migrations-changed-'));
    try {
      await writeFile(join(changed, '001_events.sql'), `${MIGRATION_1}\n-- edited\n`);
      await writeFile(join(changed, '002_strings_and_view.sql'), MIGRATION_2);
      const err = await runMigrations(adapter, { dir: changed, logger: quiet }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MigrationError);
      expect((err as Error).message).toMatch(/001_events.sql was changed after it was applied/);
    } finally {
      await rm(changed, { recursive: true, force: true });
    }
  });

  it('inserts 100k rows through the appender twice (a redelivery) and counts them once with FINAL', async () => {
    const insert = (table: string, body: string) => adapter.insertJsonEachRow(table, body);
    for (const version of [1, 2]) {
      const appender = new BatchedAppender<EventRow>({ table: 'events', insert, maxRows: 50_000 });
      const group = new SinkGroup([appender]);
      for (let start = 0; start < 100_000; start += 10_000) {
        await appender.append(Array.from({ length: 10_000 }, (_, k) => event(start + k, version)));
        if (group.shouldFlush()) await group.flushAll();
      }
      await group.flushAll();
      expect(appender.bufferedRows).toBe(0);
    }
    const [final] = await adapter.query<{ n: string; v: string }>('SELECT count() AS n, min(version) AS v FROM events FINAL');
    expect(Number(final!.n)).toBe(100_000);
    expect(Number(final!.v)).toBe(2); // the later delivery wins
    const [rawCount] = await adapter.query<{ n: string }>('SELECT count() AS n FROM events');
    expect(Number(rawCount!.n)).toBeGreaterThanOrEqual(100_000);
    expect(Number(rawCount!.n)).toBeLessThanOrEqual(200_000);

    const [sample] = await adapter.query<EventRow>(sql`SELECT * FROM events FINAL WHERE event_id = ${'e-21'}`);
    expect({ ...sample, event_ms: Number(sample!.event_ms) }).toEqual(event(21, 2));
    const perShop = await adapter.query<{ events: string }>('SELECT events FROM events_per_shop');
    expect(perShop.reduce((sum, row) => sum + Number(row.events), 0)).toBe(100_000);
  });

  it('round-trips hostile strings through SELECT literals and through JSONEachRow inserts', async () => {
    for (const value of HOSTILE) {
      const rows = await adapter.query<{ v: string }>(sql`SELECT ${value} AS v`);
      expect(rows).toEqual([{ v: value }]);
      const [count] = await adapter.query<{ n: string }>(sql`SELECT count() AS n FROM strings WHERE value = ${value}`);
      expect(count!.n).toBe('0');
    }
    await adapter.insert(
      'strings',
      HOSTILE.map((value, id) => ({ id, value })),
    );
    for (const [id, value] of HOSTILE.entries()) {
      const rows = await adapter.query<{ id: number }>(sql`SELECT id FROM strings WHERE value = ${value}`);
      expect(rows.map((r) => Number(r.id))).toEqual([id]);
    }
    const [{ n } = { n: '' }] = await adapter.query<{ n: string }>('SELECT count() AS n FROM events FINAL');
    expect(n).toBe('100000'); // nothing was dropped by any of the above
  });

  it('round-trips numbers, arrays, booleans, NULL and dates written by sqlValue', async () => {
    const cases: Array<[SqlValue, unknown]> = [
      [-5, -5],
      [1.5, 1.5],
      [1e21, 1e21],
      [5e-324, 5e-324],
      [-1e-310, -1e-310],
      [true, 1],
      [null, null],
      [['a', "b'c", '\\'], ['a', "b'c", '\\']],
      [[1, -2, 3], [1, -2, 3]],
      [new Date('2026-01-05T12:34:56.789Z'), '2026-01-05 12:34:56'],
    ];
    for (const [value, expected] of cases) {
      const [row] = await adapter.query<{ v: unknown }>(sql`SELECT ${value} AS v`);
      expect(row!.v).toEqual(expected);
    }
    const [row] = await adapter.query<{ v: number }>(sql`SELECT 10 -${-5} AS v`);
    expect(row!.v).toBe(15);
  });

  it('classifies server errors (18.16 sends them without a parsed code) and network errors', async () => {
    const syntax = await adapter.query('SELEC 1').catch((e: unknown) => e);
    expect(syntax).toBeInstanceOf(ClickHouseQueryError);
    expect(syntax).toMatchObject({ code: 62, retriable: false });

    const unknownTable = await adapter.command('INSERT INTO missing VALUES (1)').catch((e: unknown) => e);
    expect(unknownTable).toMatchObject({ code: 60, retriable: false });

    const badValue = await adapter.insertJsonEachRow('strings', '{"id":"not a number","value":"x"}\n').catch((e: unknown) => e);
    expect(badValue).toBeInstanceOf(ClickHouseQueryError);

    const appender = new BatchedAppender<{ id: string }>({
      table: 'strings',
      insert: (table, body) => adapter.insertJsonEachRow(table, body),
    });
    await appender.append([{ id: 'not a number' }]);
    await expect(appender.flush()).rejects.toMatchObject({ table: 'strings', retriable: false });
    expect(appender.bufferedRows).toBe(1);

    const down = new ClickHouseAdapter({ url: 'http://127.0.0.1:1', requestTimeoutMs: 2000 }, quiet);
    try {
      await expect(down.ping()).rejects.toBeInstanceOf(ClickHouseUnavailableError);
      await expect(down.query('SELECT 1')).rejects.toMatchObject({ retriable: true });
      const retrying = new BatchedAppender<{ id: number }>({
        table: 'strings',
        insert: (table, body) => down.insertJsonEachRow(table, body),
        maxAttempts: 3,
        initialBackoffMs: 1,
      });
      await retrying.append([{ id: 1 }]);
      const err = await retrying.flush().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ClickHouseInsertError);
      expect(err).toMatchObject({ attempts: 3, retriable: true });
      expect(retrying.bufferedRows).toBe(1);
    } finally {
      await down.close();
    }
  });
});
