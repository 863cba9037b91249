import { Readable } from 'node:stream';
import {
  ClickHouseError as ClientServerError,
  ClickHouseLogLevel,
  createClient,
  drainStream,
  type ClickHouseClient,
  type ErrorLogParams,
  type LogParams,
  type Logger as ClientLogger,
  type WarnLogParams,
} from '@clickhouse/client';
import pino from 'pino';
import { ClickHouseBaseError, ClickHouseQueryError, ClickHouseUnavailableError } from './clickhouse.error';
import { SqlFragment, sqlIdentifier, sqlTableName } from './sql-escape';

export interface ClickHouseOptions {
  /** HTTP endpoint, e.g. http://127.0.0.1:18123 */
  url: string;
  /** @default 'default' */
  username?: string;
  /** @default '' */
  password?: string;
  /** Default database of every statement (unqualified table names resolve here). @default 'default' */
  database?: string;
  /** Per-request timeout; a request over it fails as ClickHouseUnavailableError. @default 30_000 */
  requestTimeoutMs?: number;
}

/** The part of a pino logger this lib uses; a pino Logger fits. */
export interface ClickHouseLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export type Sql = string | SqlFragment;
/** Newline-delimited JSON objects, one row per line, as JSONEachRow expects. */
export type JsonEachRowBody = string | Buffer | Readable;

const DEFAULTS = { username: 'default', password: '', database: 'default', requestTimeoutMs: 30_000 };

/**
 * The one door to ClickHouse. Works against 18.16 and current servers: never uses query parameters,
 * and every insert names its format (JSONEachRow) since the client's default does not exist on 18.16.
 * Every failure is rethrown as ClickHouseUnavailableError (retriable) or ClickHouseQueryError (not).
 */
export class ClickHouseAdapter {
  readonly database: string;
  private readonly options: Required<ClickHouseOptions>;
  private readonly logger: ClickHouseLogger;
  private readonly client: ClickHouseClient;

  /** @param logger structured logger for the client's own messages. @default pino({ name: 'ClickHouseAdapter' }) */
  constructor(options: ClickHouseOptions, logger?: ClickHouseLogger) {
    this.options = validateOptions(options);
    this.database = this.options.database;
    this.logger = logger ?? pino({ name: 'ClickHouseAdapter' });
    this.client = createClient({
      url: this.options.url,
      username: this.options.username,
      password: this.options.password,
      database: this.options.database,
      request_timeout: this.options.requestTimeoutMs,
      application: 'pulse',
      log: { LoggerClass: clientLoggerClass(this.logger), level: ClickHouseLogLevel.WARN },
    });
  }

  /**
   * A second adapter with the same server and credentials and another default database: for
   * creating a database (which cannot be the session's own before it exists). Close it when done.
   */
  withDatabase(database: string): ClickHouseAdapter {
    return new ClickHouseAdapter({ ...this.options, database }, this.logger);
  }

  /**
   * Resolves when the server answers /ping (which checks neither credentials nor database);
   * rejects with ClickHouseUnavailableError otherwise: /ping runs no SQL, so any failure means
   * the server is not usable right now.
   */
  async ping(): Promise<void> {
    let failure: unknown;
    try {
      const result = await this.client.ping();
      if (result.success) return;
      failure = result.error;
    } catch (err) {
      failure = err;
    }
    const classified = classifyError(failure);
    throw classified instanceof ClickHouseUnavailableError
      ? classified
      : new ClickHouseUnavailableError(`ClickHouse unavailable: ping failed: ${classified.message}`, { cause: failure });
  }

  /** A statement without a result (DDL, INSERT ... VALUES / SELECT). One statement per call. */
  async command(statement: Sql): Promise<void> {
    const query = String(statement);
    try {
      await this.client.command({ query, clickhouse_settings: { wait_end_of_query: 1 } });
    } catch (err) {
      throw classifyError(err, query);
    }
  }

  /**
   * Rows of a SELECT as objects (JSONEachRow). Note that 64-bit integers (count(), UInt64) arrive
   * as strings, JSON's safe-integer limit being 2^53. The server buffers the whole result
   * (wait_end_of_query) so a failure mid-query is an HTTP error rather than a truncated body.
   */
  async query<T>(statement: Sql): Promise<T[]> {
    const query = String(statement);
    try {
      const resultSet = await this.client.query({
        query,
        format: 'JSONEachRow',
        clickhouse_settings: { wait_end_of_query: 1 },
      });
      return await resultSet.json<T>();
    } catch (err) {
      throw classifyError(err, query);
    }
  }

  /** Inserts objects into `table` (`name` or `database.name`) as JSONEachRow. Empty input sends nothing. */
  async insert<T extends object>(table: string, rows: readonly T[]): Promise<void> {
    if (rows.length === 0) return;
    const target = sqlTableName(table);
    try {
      await this.client.insert({ table: target, values: rows, format: 'JSONEachRow' });
    } catch (err) {
      throw classifyError(err);
    }
  }

  /**
   * Inserts an already serialised JSONEachRow body (one JSON object per line): lets a caller
   * serialise each row once when it is buffered instead of again at insert time.
   */
  async insertJsonEachRow(table: string, body: JsonEachRowBody): Promise<void> {
    const query = `INSERT INTO ${sqlTableName(table)} FORMAT JSONEachRow`;
    // A string goes to the socket as a string (encoded natively as it is written): encoding a
    // 10 MB body to a Buffer in JS first measured as the slowest step of a flush.
    const values = body instanceof Readable ? body : Readable.from([body]);
    try {
      const result = await this.client.exec({ query, values });
      await drainStream(result.stream);
    } catch (err) {
      throw classifyError(err);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/**
 * Routes the client's messages into our structured logger. Its per-request errors go to debug:
 * every one is rethrown, classified, to the caller, who decides whether it is worth a log line
 * (a retry loop would otherwise print a stack per attempt).
 */
function clientLoggerClass(logger: ClickHouseLogger): new () => ClientLogger {
  const context = (params: LogParams) => ({ module: params.module, ...params.args });
  return class implements ClientLogger {
    trace(params: LogParams): void {
      logger.debug(context(params), params.message);
    }
    debug(params: LogParams): void {
      logger.debug(context(params), params.message);
    }
    info(params: LogParams): void {
      logger.info(context(params), params.message);
    }
    warn(params: WarnLogParams): void {
      logger.warn({ ...context(params), err: params.err }, params.message);
    }
    error(params: ErrorLogParams): void {
      logger.debug({ ...context(params), err: params.err }, params.message);
    }
  };
}

function validateOptions(options: ClickHouseOptions): Required<ClickHouseOptions> {
  const merged: Required<ClickHouseOptions> = {
    url: options.url,
    username: options.username ?? DEFAULTS.username,
    password: options.password ?? DEFAULTS.password,
    database: options.database ?? DEFAULTS.database,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
  };
  const problems: string[] = [];
  let protocol = '';
  try {
    protocol = new URL(merged.url).protocol;
  } catch {
    problems.push(`url ${JSON.stringify(merged.url)} is not a URL (expected e.g. http://127.0.0.1:8123)`);
  }
  if (protocol && protocol !== 'http:' && protocol !== 'https:') {
    problems.push(`url must use http: or https:, got ${protocol}`);
  }
  try {
    sqlIdentifier(merged.database);
  } catch {
    problems.push(`database ${JSON.stringify(merged.database)} must match [A-Za-z_][A-Za-z0-9_]*`);
  }
  if (!Number.isInteger(merged.requestTimeoutMs) || merged.requestTimeoutMs <= 0) {
    problems.push(`requestTimeoutMs must be a positive integer (milliseconds), got ${merged.requestTimeoutMs}`);
  }
  if (problems.length > 0) {
    throw new TypeError(`invalid ClickHouse options: ${problems.join('; ')}`);
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------
// Error classification. 18.16 errors reach the client as plain Errors whose text starts with
// "Code: 60, e.displayText() = DB::Exception: ..."; current servers' errors are parsed by the
// client into its ClickHouseError with a code. Both carry a numeric code we can read.

/** Network-level failures (Node system error codes): the server was not reached or went away. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** Messages of client-side transport failures (the client's own timeout, dropped sockets). */
const NETWORK_MESSAGES = /^(Timeout error\.|socket hang up|other side closed|read ECONNRESET|aborted)$/i;

/**
 * Server error codes that describe a passing condition (overload, timeout, network, replica or
 * keeper trouble), not a problem with the statement. Everything else the server says is final.
 */
export const RETRIABLE_SERVER_CODES: ReadonlySet<number> = new Set([
  159, // TIMEOUT_EXCEEDED
  202, // TOO_MANY_SIMULTANEOUS_QUERIES
  203, // NO_FREE_CONNECTION
  209, // SOCKET_TIMEOUT
  210, // NETWORK_ERROR
  236, // ABORTED
  241, // MEMORY_LIMIT_EXCEEDED
  242, // TABLE_IS_READ_ONLY
  252, // TOO_MANY_PARTS
  285, // TOO_FEW_LIVE_REPLICAS
  286, // UNSATISFIED_QUORUM_FOR_PREVIOUS_WRITE
  319, // UNKNOWN_STATUS_OF_INSERT
  394, // QUERY_WAS_CANCELLED (server shutting down)
  425, // SYSTEM_ERROR
  999, // KEEPER_EXCEPTION
]);

const SERVER_CODE_18 = /Code: (\d+)[,.]\s*(?:e\.displayText\(\) = )?(?:DB::Exception: )?/;
const SERVER_TRAILER_18 = /,? e\.what\(\) = DB::Exception\s*$/;
const HTTP_FAILURE = /^\s*<|\b50[234]\b|bad gateway|service unavailable|gateway time-?out/i;

const SQL_IN_ERROR_MAX = 1000;

/**
 * Maps anything the client throws to ClickHouseUnavailableError or ClickHouseQueryError, keeping
 * it as `cause`. Unknown failures are not retriable: retrying a programmer error never helps.
 */
export function classifyError(err: unknown, sql?: string): ClickHouseBaseError {
  if (err instanceof ClickHouseBaseError) return err;
  const details = { cause: err, sql: sql === undefined ? undefined : shorten(sql) };

  if (isNetworkError(err)) {
    const message = err instanceof Error ? err.message || systemCode(err) : String(err);
    return new ClickHouseUnavailableError(`ClickHouse unavailable: ${message}`, details);
  }

  const server = serverError(err);
  if (server) {
    const message = `ClickHouse error ${server.code}: ${server.message}`;
    return RETRIABLE_SERVER_CODES.has(server.code)
      ? new ClickHouseUnavailableError(message, { ...details, code: server.code })
      : new ClickHouseQueryError(message, { ...details, code: server.code });
  }

  const text = err instanceof Error ? err.message : String(err);
  if (text.trim() === '' || HTTP_FAILURE.test(text)) {
    // A non-ClickHouse HTTP error body (proxy 502/503/504 page) or an empty error response.
    return new ClickHouseUnavailableError(`ClickHouse unavailable: ${shorten(text.trim()) || 'empty error response'}`, details);
  }
  return new ClickHouseQueryError(`ClickHouse request failed: ${shorten(text)}`, details);
}

function isNetworkError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (NETWORK_ERROR_CODES.has(systemCode(err))) return true;
  if (NETWORK_MESSAGES.test(err.message)) return true;
  // Node's happy-eyeballs connect throws an AggregateError of per-address failures.
  if (err instanceof AggregateError) return err.errors.some(isNetworkError);
  return err.cause !== undefined && err.cause !== err && isNetworkError(err.cause);
}

function systemCode(err: Error): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}

function serverError(err: unknown): { code: number; message: string } | undefined {
  if (err instanceof ClientServerError) {
    const code = Number(err.code);
    if (Number.isInteger(code)) return { code, message: err.message.trim() };
  }
  if (!(err instanceof Error)) return undefined;
  const match = SERVER_CODE_18.exec(err.message);
  if (!match || !err.message.includes('DB::Exception')) return undefined;
  const message = err.message.slice((match.index ?? 0) + match[0].length).replace(SERVER_TRAILER_18, '').trim();
  return { code: Number(match[1]), message };
}

function shorten(text: string): string {
  return text.length > SQL_IN_ERROR_MAX ? `${text.slice(0, SQL_IN_ERROR_MAX)}…` : text;
}
