/**
 * One error hierarchy for everything ClickHouse (the kafkajs model): each error says whether
 * retrying the same operation can succeed (`retriable`) and keeps what caused it (`cause`).
 *
 * - ClickHouseUnavailableError: the server could not be reached or is overloaded; retry with backoff.
 * - ClickHouseQueryError: the server understood the request and refused it (syntax, unknown table,
 *   bad value); retrying the same SQL fails the same way.
 * - ClickHouseInsertError: a batched insert gave up; names the table and keeps the rows buffered.
 * - MigrationError, SqlEscapeError: programmer or deployment mistakes; never retried.
 */
export abstract class ClickHouseBaseError extends Error {
  abstract readonly retriable: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export interface ServerErrorDetails {
  /** ClickHouse's numeric error code when the server sent one (18.16 only has it in the text). */
  code?: number;
  /** The statement that failed, shortened; absent for inserts (the body is data, not SQL). */
  sql?: string;
}

/** Connection refused/reset, timeouts, 5xx without a SQL error, overload codes: retry later. */
export class ClickHouseUnavailableError extends ClickHouseBaseError {
  readonly retriable = true;
  readonly code: number | undefined;
  readonly sql: string | undefined;

  constructor(message: string, options: { cause?: unknown } & ServerErrorDetails = {}) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.sql = options.sql;
  }
}

/** Syntax error, unknown table or column, a value the column type rejects: do not retry. */
export class ClickHouseQueryError extends ClickHouseBaseError {
  readonly retriable = false;
  readonly code: number | undefined;
  readonly sql: string | undefined;

  constructor(message: string, options: { cause?: unknown } & ServerErrorDetails = {}) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.sql = options.sql;
  }
}

/**
 * A batched insert failed for good (non-retriable error, or retries exhausted). The rows are not
 * dropped: they stay in the appender's buffer, and the next flush sends them again.
 */
export class ClickHouseInsertError extends ClickHouseBaseError {
  readonly retriable: boolean;

  constructor(
    readonly table: string,
    readonly rows: number,
    readonly attempts: number,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`insert of ${rows} rows into ${table} failed after ${attempts} attempt(s): ${reason}`, { cause });
    this.retriable = isRetriable(cause);
  }
}

/** A migration file is malformed, or changed after it was applied. Fix the file; never retried. */
export class MigrationError extends ClickHouseBaseError {
  readonly retriable = false;

  constructor(
    message: string,
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A value cannot be written as SQL (NaN, unsupported type, invalid identifier): a programmer error. */
export class SqlEscapeError extends ClickHouseBaseError {
  readonly retriable = false;
}

/** True only for errors that explicitly say so; unknown errors are treated as not retriable. */
export function isRetriable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { retriable?: unknown }).retriable === true;
}
