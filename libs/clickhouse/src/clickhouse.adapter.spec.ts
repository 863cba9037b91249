import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClickHouseError as ClientServerError } from '@clickhouse/client';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseAdapter, classifyError } from './clickhouse.adapter';
import {
  ClickHouseQueryError,
  ClickHouseUnavailableError,
  SqlEscapeError,
} from './clickhouse.error';
import { sql } from './sql-escape';

const MSG_18_16 = {
  syntax:
    'Code: 62, e.displayText() = DB::Exception: Syntax error: failed at position 1: SELEC 1. Expected one of: SELECT, e.what() = DB::Exception\n',
  unknownTable: "Code: 60, e.displayText() = DB::Exception: Table default.nope doesn't exist., e.what() = DB::Exception\n",
  badValue:
    'Code: 27, e.displayText() = DB::Exception: Cannot parse input: expected " before: abc"}: (at row 1)\n, e.what() = DB::Exception\n',
  timeout:
    'Code: 159, e.displayText() = DB::Exception: Timeout exceeded: elapsed 3.004000108 seconds, maximum: 1, e.what() = DB::Exception\n',
  tooManyParts:
    'Code: 252, e.displayText() = DB::Exception: Too many parts (300). Merges are processing significantly slower than inserts., e.what() = DB::Exception\n',
};

const quiet = pino({ level: 'silent' });

function queryParam(requestUrl: string): string | null {
  return new URL(requestUrl, 'http://x').searchParams.get('query');
}

function systemError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('classifyError', () => {
  it.each([
    ['18.16 syntax error', new Error(MSG_18_16.syntax), 62],
    ['18.16 unknown table', new Error(MSG_18_16.unknownTable), 60],
    ['18.16 unparsable value', new Error(MSG_18_16.badValue), 27],
    [
      'current server error',
      new ClientServerError({ message: 'Unknown table expression identifier \'nope\'. ', code: '60', type: 'UNKNOWN_TABLE' }),
      60,
    ],
  ])('%s is a ClickHouseQueryError with its code', (_label, err, code) => {
    const classified = classifyError(err, 'SELECT 1');
    expect(classified).toBeInstanceOf(ClickHouseQueryError);
    expect(classified).toMatchObject({ retriable: false, code, sql: 'SELECT 1', cause: err });
    expect(classified.message).toMatch(new RegExp(`^ClickHouse error ${code}: `));
    expect(classified.message).not.toMatch(/e\.what\(\)/);
  });

  it('keeps the server text without the 18.16 decorations', () => {
    expect(classifyError(new Error(MSG_18_16.unknownTable)).message).toBe(
      "ClickHouse error 60: Table default.nope doesn't exist.",
    );
  });

  it.each([
    ['18.16 timeout exceeded', new Error(MSG_18_16.timeout)],
    ['18.16 too many parts', new Error(MSG_18_16.tooManyParts)],
    ['current memory limit', new ClientServerError({ message: 'Memory limit exceeded', code: '241', type: 'MEMORY_LIMIT_EXCEEDED' })],
    ['connection refused', systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1')],
    ['connection reset', systemError('ECONNRESET', 'read ECONNRESET')],
    ['DNS failure', systemError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN clickhouse')],
    ['client timeout', new Error('Timeout error.')],
    ['socket hang up', new Error('socket hang up')],
    ['happy eyeballs', Object.assign(new AggregateError([systemError('ECONNREFUSED', 'a'), systemError('ECONNREFUSED', 'b')], ''), { code: 'ECONNREFUSED' })],
    ['proxy 502 page', new Error('<html><head><title>502 Bad Gateway</title></head></html>')],
    ['empty error response', new Error('')],
    ['wrapped network error', new Error('request failed', { cause: systemError('EPIPE', 'write EPIPE') })],
  ])('%s is a ClickHouseUnavailableError', (_label, err) => {
    const classified = classifyError(err);
    expect(classified).toBeInstanceOf(ClickHouseUnavailableError);
    expect(classified.retriable).toBe(true);
    expect(classified.cause).toBe(err);
  });

  it('treats anything unknown as not retriable, and passes its own errors through', () => {
    expect(classifyError(new TypeError('x is not a function'))).toBeInstanceOf(ClickHouseQueryError);
    expect(classifyError('a string')).toBeInstanceOf(ClickHouseQueryError);
    const own = new SqlEscapeError('bad');
    expect(classifyError(own)).toBe(own);
  });
});

describe('ClickHouseAdapter options', () => {
  it('lists every bad option in one message', () => {
    expect(
      () => new ClickHouseAdapter({ url: 'nope', database: 'bad-name', requestTimeoutMs: 0 }, quiet),
    ).toThrow(/url "nope" is not a URL.*database "bad-name" must match.*requestTimeoutMs must be a positive integer/);
    expect(() => new ClickHouseAdapter({ url: 'ftp://x' })).toThrow(/http: or https:/);
  });
});

/**
 * A loopback HTTP server that answers like ClickHouse 18.16 would, to check the whole path through
 * @clickhouse/client (status codes, bodies, timeouts) without a real server.
 */
describe('ClickHouseAdapter against a fake 18.16 HTTP endpoint', () => {
  let server: Server;
  let url: string;
  const requests: Array<{ url: string; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        requests.push({ url: req.url ?? '', body });
        const query = new URL(req.url ?? '/', 'http://x').searchParams.get('query') ?? body;
        if (req.url === '/ping') return void res.end('Ok.\n');
        if (query.includes('nope')) {
          res.writeHead(404);
          return void res.end(MSG_18_16.unknownTable);
        }
        if (query.includes('gateway')) {
          res.writeHead(502, { 'content-type': 'text/html' });
          return void res.end('<html><body>502 Bad Gateway</body></html>');
        }
        if (query.includes('hang')) return; // never answers
        if (query.startsWith('SELECT')) return void res.end('{"n":"1"}\n{"n":"2"}\n');
        res.end('');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('pings, queries JSONEachRow and inserts with an explicit JSONEachRow format', async () => {
    const adapter = new ClickHouseAdapter({ url, database: 'pulse' }, quiet);
    try {
      await adapter.ping();
      expect(await adapter.query<{ n: string }>(sql`SELECT ${'x'}`)).toEqual([{ n: '1' }, { n: '2' }]);
      await adapter.insert('events', [{ a: 1 }, { a: 2 }]);
      await adapter.insertJsonEachRow('pulse.events', '{"a":3}\n');
      await adapter.insert('events', []); // sends nothing
    } finally {
      await adapter.close();
    }
    const [, query, insert, raw] = requests.slice(-4);
    expect(query!.body).toContain("SELECT 'x'");
    expect(query!.body).toContain('FORMAT JSONEachRow');
    expect(query!.url).toContain('database=pulse');
    expect(queryParam(insert!.url)).toBe('INSERT INTO `events` FORMAT JSONEachRow');
    expect(insert!.body).toBe('{"a":1}\n{"a":2}\n');
    expect(queryParam(raw!.url)).toBe('INSERT INTO `pulse`.`events` FORMAT JSONEachRow');
    expect(raw!.body).toBe('{"a":3}\n');
  });

  it('turns an 18.16 error body into ClickHouseQueryError', async () => {
    const adapter = new ClickHouseAdapter({ url }, quiet);
    try {
      const err = await adapter.query('SELECT * FROM nope').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ClickHouseQueryError);
      expect(err).toMatchObject({ code: 60, sql: 'SELECT * FROM nope' });
      await expect(adapter.command('DROP TABLE nope')).rejects.toBeInstanceOf(ClickHouseQueryError);
      await expect(adapter.insert('nope', [{ a: 1 }])).rejects.toBeInstanceOf(ClickHouseQueryError);
    } finally {
      await adapter.close();
    }
  });

  it('turns a proxy 502, a timeout and a refused connection into ClickHouseUnavailableError', async () => {
    const adapter = new ClickHouseAdapter({ url, requestTimeoutMs: 200 }, quiet);
    try {
      await expect(adapter.command('SELECT gateway')).rejects.toBeInstanceOf(ClickHouseUnavailableError);
      await expect(adapter.command('SELECT hang')).rejects.toThrow(/ClickHouse unavailable: Timeout error/);
    } finally {
      await adapter.close();
    }
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const down = new ClickHouseAdapter({ url: `http://127.0.0.1:${closedPort}` }, quiet);
    try {
      await expect(down.ping()).rejects.toBeInstanceOf(ClickHouseUnavailableError);
      await expect(down.insertJsonEachRow('t', '{}\n')).rejects.toMatchObject({ retriable: true });
    } finally {
      await down.close();
    }
  });

  it('rejects a bad table name before sending anything', async () => {
    const adapter = new ClickHouseAdapter({ url }, quiet);
    try {
      await expect(adapter.insert('t; DROP TABLE x', [{ a: 1 }])).rejects.toBeInstanceOf(SqlEscapeError);
    } finally {
      await adapter.close();
    }
  });
});
