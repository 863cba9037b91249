import { SqlEscapeError } from './clickhouse.error';

/**
 * The one way values enter SQL text. ClickHouse 18.16 has no query parameters, so every value is
 * written as a literal here, and nowhere else.
 *
 * String literals: inside '...' ClickHouse reads backslash escapes, so backslash and quote are
 * backslash-escaped and every control character is written as an escape (\n, \t, \r, or \xHH),
 * which keeps NUL bytes, newlines and terminal escapes intact and the statement on one line.
 * Both 18.16 and current servers read these escapes the same way.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Control characters (C0 and DEL) plus the two characters that end or escape a literal.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u001f\u007f\\']/g;
// A UTF-16 surrogate half without its partner has no UTF-8 encoding: it would silently become U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const MIN_NORMAL_FLOAT64 = 2.2250738585072014e-308;

const NAMED_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function escapeChar(ch: string): string {
  return NAMED_ESCAPES[ch] ?? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`;
}

/** A piece of SQL text that is trusted as-is: built by `sql`, `ident` or `raw`. */
export class SqlFragment {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** A quoted ClickHouse string literal. Rejects non-strings and strings with lone surrogates. */
export function sqlString(value: string): string {
  if (typeof value !== 'string') {
    throw new SqlEscapeError(`sqlString expects a string, got ${describe(value)}`);
  }
  if (LONE_SURROGATE.test(value)) {
    throw new SqlEscapeError('sqlString: the string contains a lone UTF-16 surrogate, which has no UTF-8 form');
  }
  return `'${value.replace(NEEDS_ESCAPE, escapeChar)}'`;
}

/**
 * A numeric literal. Finite numbers and bigints only. Negative values are parenthesised so that
 * `x -${n}` can never turn into a `--` comment.
 */
export function sqlNumber(value: number | bigint): string {
  if (typeof value === 'bigint') {
    return value < 0n ? `(${value.toString()})` : value.toString();
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SqlEscapeError(`sqlNumber expects a finite number, got ${describe(value)}`);
  }
  if (Object.is(value, -0)) return '0';
  if (value !== 0 && Math.abs(value) < MIN_NORMAL_FLOAT64) {
    // 18.16's parser rejects subnormal literals (1e-310 is a syntax error there): write the exact bits.
    const bits = Buffer.alloc(8);
    bits.writeDoubleLE(value);
    return `reinterpretAsFloat64(unhex('${bits.toString('hex').toUpperCase()}'))`;
  }
  const text = String(value);
  return value < 0 ? `(${text})` : text;
}

/** A backquoted identifier (table, column, database). Only [A-Za-z_][A-Za-z0-9_]* is accepted. */
export function sqlIdentifier(name: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new SqlEscapeError(
      `invalid SQL identifier ${describe(name)}: use letters, digits and underscores, not starting with a digit`,
    );
  }
  return `\`${name}\``;
}

/** `table` or `database.table`, each part checked by sqlIdentifier. */
export function sqlTableName(name: string): string {
  if (typeof name !== 'string') throw new SqlEscapeError(`invalid table name ${describe(name)}`);
  const parts = name.split('.');
  if (parts.length > 2) {
    throw new SqlEscapeError(`invalid table name ${describe(name)}: expected "table" or "database.table"`);
  }
  return parts.map(sqlIdentifier).join('.');
}

/** 'YYYY-MM-DD hh:mm:ss' in UTC, the DateTime text form both 18.16 and current servers parse. */
export function toClickHouseDateTime(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new SqlEscapeError(`expected a valid Date, got ${describe(date)}`);
  }
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

export type SqlPrimitive = string | number | bigint | boolean | null | Date | SqlFragment;
export type SqlValue = SqlPrimitive | readonly SqlValue[];

/**
 * Any supported value as a literal: strings, finite numbers, bigints, booleans (1/0: 18.16 has no
 * Bool), null (NULL), Dates (UTC DateTime string), arrays ([...], nested allowed), and fragments
 * (inserted verbatim). `undefined` and other objects are rejected: they are almost always a bug.
 */
export function sqlValue(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (value instanceof SqlFragment) return value.text;
  if (value instanceof Date) return sqlString(toClickHouseDateTime(value));
  if (Array.isArray(value)) return `[${value.map((item: SqlValue) => sqlValue(item)).join(', ')}]`;
  switch (typeof value) {
    case 'string':
      return sqlString(value);
    case 'number':
    case 'bigint':
      return sqlNumber(value);
    case 'boolean':
      return value ? '1' : '0';
    default:
      throw new SqlEscapeError(`cannot write ${describe(value)} as a SQL value`);
  }
}

/** An identifier to interpolate into `sql`: validated and backquoted. */
export function ident(name: string): SqlFragment {
  return new SqlFragment(sqlTableName(name));
}

/** Verbatim SQL for trusted constants only (a sort direction picked from a fixed list, ...). */
export function raw(text: string): SqlFragment {
  if (typeof text !== 'string') throw new SqlEscapeError(`raw expects a string, got ${describe(text)}`);
  return new SqlFragment(text);
}

/**
 * Tagged template: every interpolated value goes through sqlValue; use ident() for names and
 * raw() for trusted constants. Fragments built by sql`` nest verbatim.
 *
 *   sql`SELECT * FROM ${ident(table)} WHERE id = ${id} AND has(${tags}, tag)`
 */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): SqlFragment {
  let text = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    text += sqlValue(values[i] as SqlValue) + (strings[i + 1] ?? '');
  }
  return new SqlFragment(text);
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (value instanceof Date) return 'an invalid Date';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'null prototype'})`;
  return typeof value;
}
