import { describe, expect, it } from 'vitest';
import { SqlEscapeError } from './clickhouse.error';
import {
  ident,
  raw,
  sql,
  sqlIdentifier,
  sqlNumber,
  sqlString,
  sqlTableName,
  sqlValue,
  toClickHouseDateTime,
} from './sql-escape';

/**
 * Reads a ClickHouse string literal back the way the server's lexer does (for the escapes we emit),
 * and fails on anything that would end the literal early.
 */
function readLiteral(literal: string): string {
  expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch === "'") throw new Error(`unescaped quote at ${i}`);
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i];
    if (next === 'x') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out += ({ n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'" } as Record<string, string>)[next as string] ?? '';
    }
  }
  return out;
}

/** Deterministic PRNG (mulberry32) for the generated inputs. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE_STRINGS: readonly string[] = [
  '',
  "'",
  "''",
  '\\',
  "\\'",
  "\\\\'",
  "'; DROP TABLE x; --",
  "' OR 1=1 --",
  "a'); DROP TABLE users; /*",
  'back`tick',
  'double"quote',
  'line\nbreak\r\nand\ttab',
  'nul\0byte',
  '\0',
  '\x01\x02\x1b[31mred\x1b[0m\x7f',
  '\\x41 is not A',
  '\\n is not a newline',
  'ünïcödé — 日本語 — עברית — 👩‍👩‍👧‍👦 — e\u0301',
  '{"json": "value\\n"}',
  '?',
  '{x:String}',
  '$1 %s %d',
  'x'.repeat(100_000),
];

describe('sqlString', () => {
  it.each(HOSTILE_STRINGS.map((value) => [value.slice(0, 30), value]))('round-trips %j', (_label, value) => {
    const literal = sqlString(value);
    expect(readLiteral(literal)).toBe(value);
    // One line, no raw control characters: nothing can end the statement or confuse a log.
    // eslint-disable-next-line no-control-regex
    expect(literal).not.toMatch(/[\u0000-\u001f\u007f]/);
  });

  it('writes the escapes ClickHouse reads', () => {
    expect(sqlString("it's")).toBe("'it\\'s'");
    expect(sqlString('a\\b')).toBe("'a\\\\b'");
    expect(sqlString('a\nb\tc\rd')).toBe("'a\\nb\\tc\\rd'");
    expect(sqlString('a\0b')).toBe("'a\\x00b'");
    expect(sqlString('\x1b\x7f')).toBe("'\\x1B\\x7F'");
    expect(sqlString('日本')).toBe("'日本'");
  });

  it('round-trips 2,000 random strings of quotes, backslashes, controls and unicode', () => {
    const next = random(42);
    const alphabet = ["'", '\\', '"', '`', ';', '-', '\n', '\r', '\t', '\0', 'x', '0', 'é', '日', '😀', '\x1b', ' '];
    for (let n = 0; n < 2000; n++) {
      let value = '';
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) value += alphabet[Math.floor(next() * alphabet.length)];
      expect(readLiteral(sqlString(value))).toBe(value);
    }
  });

  it('escapes a 2 MB string', () => {
    const value = "a'\\\n".repeat(500_000);
    const literal = sqlString(value);
    expect(literal.length).toBe(2 + 500_000 * 7);
  });

  it('rejects non-strings and lone surrogates', () => {
    expect(() => sqlString(42 as unknown as string)).toThrow(SqlEscapeError);
    expect(() => sqlString(undefined as unknown as string)).toThrow(/expects a string, got undefined/);
    expect(() => sqlString('a\uD800b')).toThrow(/lone UTF-16 surrogate/);
    expect(() => sqlString('\uDC00')).toThrow(SqlEscapeError);
    expect(sqlString('\uD83D\uDE00')).toBe("'😀'");
  });
});

describe('sqlNumber', () => {
  it('writes finite numbers and bigints', () => {
    expect(sqlNumber(0)).toBe('0');
    expect(sqlNumber(-0)).toBe('0');
    expect(sqlNumber(42)).toBe('42');
    expect(sqlNumber(1.5)).toBe('1.5');
    expect(sqlNumber(1e21)).toBe('1e+21');
    expect(sqlNumber(2n ** 64n - 1n)).toBe('18446744073709551615');
  });

  it('parenthesises negatives so `x -${n}` cannot become a comment', () => {
    expect(sqlNumber(-5)).toBe('(-5)');
    expect(sqlNumber(-5n)).toBe('(-5)');
    expect(sql`SELECT 1 -${-5}`.text).toBe('SELECT 1 -(-5)');
  });

  it('writes subnormal floats as exact bits (18.16 cannot parse them as literals)', () => {
    expect(sqlNumber(5e-324)).toBe("reinterpretAsFloat64(unhex('0100000000000000'))");
    expect(sqlNumber(2.2250738585072014e-308)).toBe('2.2250738585072014e-308');
  });

  it.each([NaN, Infinity, -Infinity])('rejects %s', (value) => {
    expect(() => sqlNumber(value)).toThrow(SqlEscapeError);
    expect(() => sqlNumber(value)).toThrow(/finite number/);
  });

  it('rejects numeric strings', () => {
    expect(() => sqlNumber('1; DROP TABLE x' as unknown as number)).toThrow(SqlEscapeError);
  });
});

describe('sqlIdentifier / sqlTableName', () => {
  it('backquotes valid names', () => {
    expect(sqlIdentifier('sales_2024')).toBe('`sales_2024`');
    expect(sqlIdentifier('_x')).toBe('`_x`');
    expect(sqlTableName('pulse.sales')).toBe('`pulse`.`sales`');
  });

  it.each(['', '1abc', 'a-b', 'a b', 'a`b', 'x; DROP TABLE y', 'naïve', 'a.b', 'tab\0le'])('rejects %j', (name) => {
    expect(() => sqlIdentifier(name)).toThrow(/invalid SQL identifier .* letters, digits and underscores/);
  });

  it('rejects bad qualified names', () => {
    expect(() => sqlTableName('a.b.c')).toThrow(/database\.table/);
    expect(() => sqlTableName('a.')).toThrow(SqlEscapeError);
    expect(() => sqlTableName('`a`')).toThrow(SqlEscapeError);
  });
});

describe('sqlValue', () => {
  it('dispatches on type', () => {
    expect(sqlValue('x')).toBe("'x'");
    expect(sqlValue(3)).toBe('3');
    expect(sqlValue(true)).toBe('1');
    expect(sqlValue(false)).toBe('0');
    expect(sqlValue(null)).toBe('NULL');
    expect(sqlValue(new Date(Date.UTC(2024, 1, 29, 23, 59, 58, 999)))).toBe("'2024-02-29 23:59:58'");
    expect(sqlValue(['a', 1, null, [true]])).toBe("['a', 1, NULL, [1]]");
    expect(sqlValue([])).toBe('[]');
    expect(sqlValue(raw('now()'))).toBe('now()');
  });

  it('rejects undefined, objects, functions, symbols and invalid dates', () => {
    expect(() => sqlValue(undefined as never)).toThrow(/cannot write undefined/);
    expect(() => sqlValue({ a: 1 } as never)).toThrow(/an object \(Object\)/);
    expect(() => sqlValue((() => 1) as never)).toThrow(SqlEscapeError);
    expect(() => sqlValue(Symbol('x') as never)).toThrow(SqlEscapeError);
    expect(() => sqlValue(new Date(NaN))).toThrow(/valid Date/);
    expect(() => sqlValue([1, NaN])).toThrow(/finite number/);
  });
});

describe('toClickHouseDateTime', () => {
  it('formats in UTC without milliseconds', () => {
    expect(toClickHouseDateTime(new Date('2024-03-10T01:02:03.456Z'))).toBe('2024-03-10 01:02:03');
  });
});

describe('sql tagged template', () => {
  it('escapes every interpolated value', () => {
    const hostile = "'; DROP TABLE x; --";
    const query = sql`SELECT * FROM ${ident('events')} WHERE id = ${hostile} AND n > ${-1} AND has(${['a', "b'"]}, tag)`;
    expect(query.text).toBe(
      "SELECT * FROM `events` WHERE id = '\\'; DROP TABLE x; --' AND n > (-1) AND has(['a', 'b\\''], tag)",
    );
    expect(String(query)).toBe(query.text);
  });

  it('nests fragments verbatim and accepts raw constants', () => {
    const where = sql`WHERE x = ${'a'}`;
    const direction = raw('DESC');
    expect(sql`SELECT 1 FROM t ${where} ORDER BY x ${direction}`.text).toBe("SELECT 1 FROM t WHERE x = 'a' ORDER BY x DESC");
  });

  it('validates identifiers given to ident()', () => {
    expect(() => sql`SELECT * FROM ${ident('t; DROP TABLE x')}`).toThrow(SqlEscapeError);
    expect(sql`SELECT * FROM ${ident('db.t')}`.text).toBe('SELECT * FROM `db`.`t`');
  });

  it('handles a template without values', () => {
    expect(sql`SELECT 1`.text).toBe('SELECT 1');
  });
});
