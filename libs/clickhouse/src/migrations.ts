import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pino from 'pino';
import type { ClickHouseAdapter, ClickHouseLogger } from './clickhouse.adapter';
import { ClickHouseQueryError, MigrationError } from './clickhouse.error';
import { ident, sql, sqlIdentifier } from './sql-escape';

/**
 * Migration runner. Files are `NNN_name.sql` in one directory, applied in numeric order, each
 * statement (`;`-separated, comments dropped) through its own request, then recorded in
 * `schema_migrations`. Plain SQL, no placeholders: the adapter's session database is the target.
 *
 * Re-running is safe because applied versions are skipped, and two processes starting at once are
 * safe because every CREATE/DROP must be `IF [NOT] EXISTS` (checked before anything runs) and the
 * bookkeeping table is a ReplacingMergeTree on version, so a double record collapses.
 */

export type MigrationLogger = Pick<ClickHouseLogger, 'info' | 'warn'>;

/** What the runner needs from the adapter (an interface so the unit tests can fake it). */
export type MigrationTarget = Pick<ClickHouseAdapter, 'database' | 'command' | 'query' | 'close'> & {
  withDatabase(database: string): MigrationTarget;
};

export interface MigrationOptions {
  /** Directory holding the NNN_name.sql files (other files are ignored). */
  dir?: string;
  /** Database to migrate, created if missing. @default the adapter's database */
  database?: string;
  /** @default pino({ name: 'ClickHouseMigrations' }) */
  logger?: MigrationLogger;
}

export interface MigrationFile {
  version: number;
  name: string;
  /** File name, for messages. */
  file: string;
  checksum: string;
  statements: string[];
}

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

export interface MigrationResult {
  database: string;
  applied: string[];
  alreadyApplied: number;
}

export const MIGRATIONS_TABLE = 'schema_migrations';
const FILE_NAME = /^(\d+)_([A-Za-z0-9_]+)\.sql$/;
const UINT32_MAX = 4_294_967_295;

export async function runMigrations(adapter: MigrationTarget, options: MigrationOptions): Promise<MigrationResult> {
  const logger = options.logger ?? pino({ name: 'ClickHouseMigrations' });
  const database = options.database ?? adapter.database;
  sqlIdentifier(database);
  // Read and check every file before touching the server: a bad file fails the start, not halfway.
  const files = await loadMigrations(options.dir ?? repositoryMigrationsDir());

  // The session cannot default to a database that does not exist yet: create it from `system`.
  const server = adapter.withDatabase('system');
  try {
    await server.command(sql`CREATE DATABASE IF NOT EXISTS ${ident(database)}`);
  } finally {
    await server.close();
  }

  const target = adapter.database === database ? adapter : adapter.withDatabase(database);
  try {
    await target.command(
      `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} ` +
        '(version UInt32, name String, checksum String, applied_at DateTime) ' +
        'ENGINE = ReplacingMergeTree ORDER BY version',
    );
    const applied = await readApplied(target);
    const plan = planMigrations(files, applied);
    for (const orphan of plan.unknown) {
      logger.warn({ database, version: orphan.version, name: orphan.name }, 'applied migration has no file here');
    }

    const done: string[] = [];
    for (const migration of plan.pending) {
      logger.info({ database, file: migration.file, statements: migration.statements.length }, 'applying migration');
      for (const statement of migration.statements) {
        await applyStatement(target, statement, migration.file, logger);
      }
      await target.command(
        sql`INSERT INTO ${ident(MIGRATIONS_TABLE)} (version, name, checksum, applied_at) VALUES (${migration.version}, ${migration.name}, ${migration.checksum}, now())`,
      );
      done.push(migration.file);
    }
    logger.info({ database, applied: done.length, alreadyApplied: plan.alreadyApplied }, 'migrations up to date');
    return { database, applied: done, alreadyApplied: plan.alreadyApplied };
  } finally {
    if (target !== adapter) await target.close();
  }
}

/**
 * 18.16 has no `ADD COLUMN IF NOT EXISTS` / `DROP COLUMN IF EXISTS`. A single-action ALTER that
 * fails because its change is already there (another runner, or a crash before the record) counts
 * as applied. Multi-action ALTERs are all-or-nothing, so their failure is not second-guessed.
 */
async function applyStatement(target: MigrationTarget, statement: string, file: string, logger: MigrationLogger): Promise<void> {
  try {
    await target.command(statement);
  } catch (err) {
    if (!isColumnChangeAlreadyApplied(statement, err)) throw err;
    logger.info({ file, statement: head(statement) }, 'column change already applied');
  }
}

const COLUMN_ACTION = /\b(ADD|DROP|MODIFY|CLEAR|COMMENT|RENAME)\s+COLUMN\b/gi;

export function isColumnChangeAlreadyApplied(statement: string, err: unknown): boolean {
  if (!(err instanceof ClickHouseQueryError) || !/^ALTER\s+TABLE\b/i.test(statement)) return false;
  const actions = [...statement.matchAll(COLUMN_ACTION)].map((m) => (m[1] as string).toUpperCase());
  if (actions.length !== 1) return false;
  // 18.16 answers both with code 44; current servers with 15 (DUPLICATE_COLUMN) / 16 (NO_SUCH_COLUMN_IN_TABLE).
  if (actions[0] === 'ADD') return (err.code === 44 || err.code === 15) && /already exists/i.test(err.message);
  if (actions[0] === 'DROP') return (err.code === 44 || err.code === 16) && /(cannot find|no such|there is no) column/i.test(err.message);
  return false;
}

async function readApplied(target: MigrationTarget): Promise<AppliedMigration[]> {
  // FINAL collapses the duplicates two concurrent runners may have written.
  const rows = await target.query<{ version: number | string; name: string; checksum: string }>(
    `SELECT version, name, checksum FROM ${MIGRATIONS_TABLE} FINAL ORDER BY version`,
  );
  return rows.map((row) => ({ version: Number(row.version), name: row.name, checksum: row.checksum }));
}

/**
 * Which files still need applying. Throws MigrationError naming the file when an applied file's
 * content changed since. Applied versions without a file (an older build running next to a newer
 * schema) are reported in `unknown`, not an error.
 */
export function planMigrations(
  files: readonly MigrationFile[],
  applied: readonly AppliedMigration[],
): { pending: MigrationFile[]; unknown: AppliedMigration[]; alreadyApplied: number } {
  const appliedByVersion = new Map(applied.map((row) => [row.version, row]));
  const pending: MigrationFile[] = [];
  let alreadyApplied = 0;
  for (const file of files) {
    const record = appliedByVersion.get(file.version);
    if (!record) {
      pending.push(file);
      continue;
    }
    if (record.checksum !== file.checksum) {
      throw new MigrationError(
        `migration ${file.file} was changed after it was applied (checksum ${record.checksum.slice(0, 12)}… ` +
          `recorded, ${file.checksum.slice(0, 12)}… now): restore the file and put the change in a new migration`,
        file.file,
      );
    }
    alreadyApplied++;
  }
  const versions = new Set(files.map((file) => file.version));
  const unknown = applied.filter((row) => !versions.has(row.version));
  return { pending, unknown, alreadyApplied };
}

/**
 * The project's `deploy/clickhouse/migrations`, found above this file whether it runs from the
 * sources or from dist/.
 */
export function repositoryMigrationsDir(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'deploy/clickhouse/migrations');
    if (existsSync(candidate)) return candidate;
  }
  throw new MigrationError(`No deploy/clickhouse/migrations folder above ${from}; pass the folder as "dir"`);
}

/** Reads every NNN_name.sql file of `dir`, sorted by version, parsed and checked. */
export async function loadMigrations(dir: string): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((name) => name.toLowerCase().endsWith('.sql'));
  const files = await Promise.all(
    names.map(async (name) => parseMigration(name, await readFile(join(dir, name), 'utf8'))),
  );
  files.sort((a, b) => a.version - b.version);
  for (let i = 1; i < files.length; i++) {
    const [previous, current] = [files[i - 1] as MigrationFile, files[i] as MigrationFile];
    if (previous.version === current.version) {
      throw new MigrationError(
        `migrations ${previous.file} and ${current.file} share version ${current.version}: renumber one`,
        current.file,
      );
    }
  }
  return files;
}

/** Parses one file: name → version and name, content → checksum and statements. */
export function parseMigration(file: string, content: string): MigrationFile {
  const { version, name } = parseMigrationFileName(file);
  const statements = splitSqlStatements(content, file);
  for (const statement of statements) checkIdempotent(statement, file);
  return { version, name, file, checksum: migrationChecksum(content), statements };
}

export function parseMigrationFileName(file: string): { version: number; name: string } {
  const match = FILE_NAME.exec(file);
  if (!match) {
    throw new MigrationError(
      `migration file name ${JSON.stringify(file)} must look like 001_create_sales.sql (digits, underscore, name)`,
      file,
    );
  }
  const version = Number(match[1]);
  if (version < 1 || version > UINT32_MAX) {
    throw new MigrationError(`migration ${file}: version must be between 1 and ${UINT32_MAX}`, file);
  }
  return { version, name: match[2] as string };
}

/** sha256 of the content with line endings normalised, so a checkout with CRLF matches. */
export function migrationChecksum(content: string): string {
  return createHash('sha256').update(content.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * Splits SQL text into statements at `;`, honouring '...' strings, "..." and `...` identifiers
 * (with backslash escapes and doubled quotes), and dropping -- and /* *\/ comments. Blank
 * statements are dropped.
 */
export function splitSqlStatements(text: string, file = '<sql>'): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  const flush = (): void => {
    const statement = current.trim();
    if (statement) statements.push(statement);
    current = '';
  };
  while (i < text.length) {
    const ch = text[i] as string;
    const next = text[i + 1];
    if (ch === '-' && next === '-') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      current += ' ';
    } else if (ch === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) throw new MigrationError(`${file}: unterminated /* comment`, file);
      i = end + 2;
      current += ' ';
    } else if (ch === "'" || ch === '"' || ch === '`') {
      const end = quotedEnd(text, i);
      if (end === -1) throw new MigrationError(`${file}: unterminated ${ch} quote starting at offset ${i}`, file);
      current += text.slice(i, end);
      i = end;
    } else if (ch === ';') {
      flush();
      i++;
    } else {
      current += ch;
      i++;
    }
  }
  flush();
  return statements;
}

/** Index just past the closing quote of the quoted run starting at `start`, or -1. */
function quotedEnd(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') {
      i += 2;
    } else if (ch === quote) {
      if (text[i + 1] === quote) {
        i += 2; // doubled quote inside the literal
      } else {
        return i + 1;
      }
    } else {
      i++;
    }
  }
  return -1;
}

const CREATE_WITHOUT_GUARD =
  /^CREATE\s+(?:TEMPORARY\s+)?(?:TABLE|DATABASE|(?:MATERIALIZED\s+)?VIEW|DICTIONARY)\s+(?!IF\s+NOT\s+EXISTS\b)/i;
const DROP_WITHOUT_GUARD = /^DROP\s+(?:TEMPORARY\s+)?(?:TABLE|DATABASE|VIEW|DICTIONARY)\s+(?!IF\s+EXISTS\b)/i;

/** Two runners may apply the same file at once, or a crash may leave a file half applied. */
function checkIdempotent(statement: string, file: string): void {
  if (CREATE_WITHOUT_GUARD.test(statement)) {
    throw new MigrationError(`${file}: use CREATE ... IF NOT EXISTS so the file can be re-run: ${head(statement)}`, file);
  }
  if (DROP_WITHOUT_GUARD.test(statement)) {
    throw new MigrationError(`${file}: use DROP ... IF EXISTS so the file can be re-run: ${head(statement)}`, file);
  }
}

function head(statement: string): string {
  const oneLine = statement.replace(/\s+/g, ' ');
  return oneLine.length > 80 ? `${oneLine.slice(0, 80)}…` : oneLine;
}
