import { ClickHouseAdapter, ident, sql } from '#clickhouse';
import { stackEnv } from './local-stack';

/** Reads a test's ClickHouse database the way a dashboard would: FINAL, each event once. */
export class ClickHouseFixture {
  readonly adapter: ClickHouseAdapter;

  constructor(readonly database: string) {
    this.adapter = new ClickHouseAdapter({ url: stackEnv().clickhouseUrl, database: 'system' });
  }

  /** Rows counted once per event_id (FINAL), and rows stored before deduplication. */
  async counts(table: string): Promise<{ final: number; distinct: number }> {
    const [row] = await this.adapter.query<{ final: string; distinct: string }>(
      sql`SELECT (SELECT count() FROM ${ident(this.database)}.${ident(table)} FINAL) AS final, (SELECT uniqExact(event_id) FROM ${ident(this.database)}.${ident(table)}) AS distinct`,
    );
    return { final: Number(row?.final ?? 0), distinct: Number(row?.distinct ?? 0) };
  }

  async count(table: string): Promise<number> {
    return (await this.counts(table)).final;
  }

  async drop(): Promise<void> {
    await this.adapter.command(sql`DROP DATABASE IF EXISTS ${ident(this.database)}`);
    await this.adapter.close();
  }
}
