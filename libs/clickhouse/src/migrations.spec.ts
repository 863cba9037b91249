import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClickHouseQueryError, MigrationError } from './clickhouse.error';
import {
  isColumnChangeAlreadyApplied,
  loadMigrations,
  migrationChecksum,
  parseMigration,
  parseMigrationFileName,
  planMigrations,
  repositoryMigrationsDir,
  runMigrations,
  splitSqlStatements,
  type MigrationLogger,
  type MigrationTarget,
} from './migrations';
import type { Sql } from './clickhouse.adapter';

describe('splitSqlStatements', () => {
  it('splits at semicolons and drops comments and blank statements', () => {
    const text = `
      -- header comment; with a semicolon
      CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = Memory;;
      /* block; comment */
      CREATE TABLE IF NOT EXISTS b (y String DEFAULT 'a;b') ENGINE = Memory -- trailing; comment
      ;
      ;   -- nothing here
    `;
    expect(splitSqlStatements(text)).toEqual([
      'CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = Memory',
      "CREATE TABLE IF NOT EXISTS b (y String DEFAULT 'a;b') ENGINE = Memory",
    ]);
  });

  it('keeps semicolons and comment markers inside strings and quoted identifiers', () => {
    const text = `SELECT 'it\\'s; -- not a comment', 'doubled '' quote;', "col;1", \`col--2\`, '/* no */'; SELECT 2`;
    expect(splitSqlStatements(text)).toEqual([
      `SELECT 'it\\'s; -- not a comment', 'doubled '' quote;', "col;1", \`col--2\`, '/* no */'`,
      'SELECT 2',
    ]);
  });

  it('accepts a last statement without a semicolon and CRLF line ends', () => {
    expect(splitSqlStatements('SELECT 1;\r\nSELECT 2\r\n')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('returns nothing for comments only', () => {
    expect(splitSqlStatements('-- only\n/* comments */\n')).toEqual([]);
  });

  it('fails on unterminated strings and comments, naming the file', () => {
    expect(() => splitSqlStatements("SELECT 'oops", '007_x.sql')).toThrow(/007_x.sql: unterminated ' quote/);
    expect(() => splitSqlStatements('SELECT 1 /* oops', '007_x.sql')).toThrow(MigrationError);
  });
});

describe('parseMigrationFileName', () => {
  it('reads version and name', () => {
    expect(parseMigrationFileName('001_schema.sql')).toEqual({ version: 1, name: 'schema' });
    expect(parseMigrationFileName('0420_add_sales_view.sql')).toEqual({ version: 420, name: 'add_sales_view' });
  });

  it.each(['1-schema.sql', 'schema.sql', '001_.sql', '001_bad name.sql', '000_zero.sql', '99999999999_big.sql'])(
    'rejects %j',
    (file) => {
      expect(() => parseMigrationFileName(file)).toThrow(MigrationError);
    },
  );
});

describe('parseMigration', () => {
  it('requires IF NOT EXISTS / IF EXISTS on CREATE and DROP', () => {
    expect(() => parseMigration('002_x.sql', 'CREATE TABLE t (x UInt8) ENGINE = Memory')).toThrow(
      /002_x.sql: use CREATE ... IF NOT EXISTS/,
    );
    expect(() => parseMigration('002_x.sql', 'CREATE MATERIALIZED VIEW v AS SELECT 1')).toThrow(MigrationError);
    expect(() => parseMigration('002_x.sql', 'DROP TABLE t')).toThrow(/use DROP ... IF EXISTS/);
    const ok = parseMigration(
      '002_x.sql',
      'create materialized view if not exists v engine = Memory as select 1; drop table if exists t;',
    );
    expect(ok.statements).toHaveLength(2);
  });

  it('checksums content independent of line endings', () => {
    expect(migrationChecksum('a;\nb;\n')).toBe(migrationChecksum('a;\r\nb;\r\n'));
    expect(migrationChecksum('a;')).not.toBe(migrationChecksum('a; '));
  });
});

describe('planMigrations', () => {
  const file = (version: number, content = `SELECT ${version}`) => parseMigration(`00${version}_m${version}.sql`, content);

  it('returns files not applied yet, in order, and applied versions without a file', () => {
    const files = [file(1), file(2), file(3)];
    const plan = planMigrations(files, [
      { version: 1, name: 'm1', checksum: files[0]!.checksum },
      { version: 9, name: 'future', checksum: 'abc' },
    ]);
    expect(plan.pending.map((m) => m.version)).toEqual([2, 3]);
    expect(plan.alreadyApplied).toBe(1);
    expect(plan.unknown.map((m) => m.version)).toEqual([9]);
  });

  it('fails with the file name when an applied file changed', () => {
    const files = [file(1, 'SELECT 1'), file(2)];
    const recorded = migrationChecksum('SELECT 100');
    expect(() => planMigrations(files, [{ version: 1, name: 'm1', checksum: recorded }])).toThrow(
      /migration 001_m1.sql was changed after it was applied/,
    );
  });
});

describe('isColumnChangeAlreadyApplied (18.16 has no ADD COLUMN IF NOT EXISTS)', () => {
  const exists18 = new ClickHouseQueryError('ClickHouse error 44: Cannot add column y: column with this name already exists', { code: 44 });
  const missing18 = new ClickHouseQueryError('ClickHouse error 44: Wrong column name. Cannot find column z to drop', { code: 44 });
  const existsNow = new ClickHouseQueryError('ClickHouse error 15: Cannot add column `y`: column with this name already exists', { code: 15 });

  it('accepts a single ADD or DROP COLUMN whose change is already there', () => {
    expect(isColumnChangeAlreadyApplied('ALTER TABLE t ADD COLUMN y UInt8', exists18)).toBe(true);
    expect(isColumnChangeAlreadyApplied('alter table t add column y Decimal(10, 2) DEFAULT 0', existsNow)).toBe(true);
    expect(isColumnChangeAlreadyApplied('ALTER TABLE t DROP COLUMN z', missing18)).toBe(true);
  });

  it('does not second-guess anything else', () => {
    expect(isColumnChangeAlreadyApplied('ALTER TABLE t ADD COLUMN a UInt8, ADD COLUMN y UInt8', exists18)).toBe(false);
    expect(isColumnChangeAlreadyApplied('ALTER TABLE t ADD COLUMN y UInt8', missing18)).toBe(false);
    expect(isColumnChangeAlreadyApplied('ALTER TABLE t MODIFY COLUMN y UInt16', exists18)).toBe(false);
    expect(isColumnChangeAlreadyApplied('CREATE TABLE IF NOT EXISTS t (y UInt8) ENGINE = Memory', exists18)).toBe(false);
    expect(isColumnChangeAlreadyApplied('ALTER TABLE t ADD COLUMN y UInt8', new Error('already exists'))).toBe(false);
  });
});

describe('loadMigrations and runMigrations', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pulse-migrations-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('orders numerically, not lexically, and ignores non-SQL files', async () => {
    await writeFile(join(dir, '10_ten.sql'), 'SELECT 10');
    await writeFile(join(dir, '9_nine.sql'), 'SELECT 9');
    await writeFile(join(dir, '002_two.sql'), 'SELECT 2');
    await writeFile(join(dir, 'README.md'), '# notes');
    const files = await loadMigrations(dir);
    expect(files.map((f) => f.file)).toEqual(['002_two.sql', '9_nine.sql', '10_ten.sql']);
  });

  it('rejects two files with one version', async () => {
    await writeFile(join(dir, '001_a.sql'), 'SELECT 1');
    await writeFile(join(dir, '1_b.sql'), 'SELECT 1');
    await expect(loadMigrations(dir)).rejects.toThrow(/share version 1: renumber one/);
  });

  /** Records statements and plays the bookkeeping table from the INSERTs it sees. */
  class FakeTarget implements MigrationTarget {
    readonly statements: Array<{ database: string; sql: string }>;
    readonly applied: Array<{ version: number; name: string; checksum: string }>;
    closed = 0;

    constructor(
      readonly database: string,
      shared?: FakeTarget,
    ) {
      this.statements = shared?.statements ?? [];
      this.applied = shared?.applied ?? [];
    }

    withDatabase(database: string): FakeTarget {
      return new FakeTarget(database, this);
    }

    async command(statement: Sql): Promise<void> {
      const text = String(statement);
      this.statements.push({ database: this.database, sql: text });
      const insert = /^INSERT INTO `schema_migrations` .* VALUES \((\d+), '(\w+)', '(\w+)', now\(\)\)$/.exec(text);
      if (insert) this.applied.push({ version: Number(insert[1]), name: insert[2]!, checksum: insert[3]! });
    }

    async query<T>(): Promise<T[]> {
      // 18.16 returns UInt32 as a number; strings are accepted too.
      return this.applied.map((row) => ({ ...row, version: String(row.version) })) as T[];
    }

    async close(): Promise<void> {
      this.closed++;
    }
  }

  const silent: MigrationLogger = { info: () => undefined, warn: () => undefined };

  it('creates the database and bookkeeping table, applies pending files once, and re-runs as a no-op', async () => {
    await writeFile(
      join(dir, '001_first.sql'),
      '-- two statements\nCREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = Memory;\nCREATE TABLE IF NOT EXISTS b (x UInt8) ENGINE = Memory;\n',
    );
    await writeFile(join(dir, '002_second.sql'), 'CREATE TABLE IF NOT EXISTS c (x UInt8) ENGINE = Memory');
    const adapter = new FakeTarget('default');

    const first = await runMigrations(adapter, { dir, database: 'pulse_test', logger: silent });
    expect(first).toEqual({ database: 'pulse_test', applied: ['001_first.sql', '002_second.sql'], alreadyApplied: 0 });
    expect(adapter.statements.map((s) => `${s.database}: ${s.sql.split(' ').slice(0, 6).join(' ')}`)).toEqual([
      'system: CREATE DATABASE IF NOT EXISTS `pulse_test`',
      'pulse_test: CREATE TABLE IF NOT EXISTS schema_migrations',
      'pulse_test: CREATE TABLE IF NOT EXISTS a',
      'pulse_test: CREATE TABLE IF NOT EXISTS b',
      'pulse_test: INSERT INTO `schema_migrations` (version, name, checksum,',
      'pulse_test: CREATE TABLE IF NOT EXISTS c',
      'pulse_test: INSERT INTO `schema_migrations` (version, name, checksum,',
    ]);

    adapter.statements.length = 0;
    const second = await runMigrations(adapter, { dir, database: 'pulse_test', logger: silent });
    expect(second).toEqual({ database: 'pulse_test', applied: [], alreadyApplied: 2 });
    expect(adapter.statements).toHaveLength(2); // CREATE DATABASE, CREATE TABLE schema_migrations
  });

  it('refuses to run when an applied file changed, before applying anything newer', async () => {
    await writeFile(join(dir, '001_first.sql'), 'SELECT 1');
    const adapter = new FakeTarget('pulse_test');
    await runMigrations(adapter, { dir, logger: silent });
    await writeFile(join(dir, '001_first.sql'), 'SELECT 1 -- edited');
    await writeFile(join(dir, '002_next.sql'), 'SELECT 2');
    await expect(runMigrations(adapter, { dir, logger: silent })).rejects.toThrow(/001_first.sql was changed/);
    expect(adapter.statements.some((s) => s.sql === 'SELECT 2')).toBe(false);
  });

  it('fails on a bad file before touching the server', async () => {
    await writeFile(join(dir, '001_first.sql'), 'CREATE TABLE t (x UInt8) ENGINE = Memory');
    const adapter = new FakeTarget('pulse_test');
    await expect(runMigrations(adapter, { dir, logger: silent })).rejects.toThrow(MigrationError);
    expect(adapter.statements).toEqual([]);
  });
});

describe('the repository migrations (deploy/clickhouse/migrations)', () => {
  it('parse, have unique versions and guard every CREATE/DROP', async () => {
    const files = await loadMigrations(repositoryMigrationsDir());
    for (const file of files) expect(file.statements.length).toBeGreaterThan(0);
  });
});
