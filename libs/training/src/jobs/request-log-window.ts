import { raw, sql, type ClickHouseAdapter } from '#clickhouse';

export interface TimeWindow {
  start: number;
  end: number;
}

/**
 * The request logs a job trains on: the `hours` ending at the newest request (event time, so a
 * replayed or backfilled history trains the same way as live traffic), read as a deterministic
 * sample of at most `maxRows` by event id.
 */
export class RequestLogWindow {
  constructor(
    private readonly clickhouse: ClickHouseAdapter,
    private readonly hours: number,
    private readonly maxRows: number,
  ) {}

  /** Null while request_log is empty. */
  async window(): Promise<TimeWindow | null> {
    const [row] = await this.clickhouse.query<{ end: string; n: string }>(sql`SELECT max(event_ms) AS end, count() AS n FROM request_log`);
    if (!row || Number(row.n) === 0) return null;
    const end = Number(row.end) + 1;
    return { start: end - this.hours * 3_600_000, end };
  }

  async countRows(): Promise<number> {
    const window = await this.window();
    return window ? this.countIn(window) : 0;
  }

  /** The window's rows with `columns` (constants of the caller), a sample by event id hash that is the same on every run. */
  async sample<Row>(columns: readonly (keyof Row & string)[]): Promise<{ window: TimeWindow; rows: Record<keyof Row, string | number>[] }> {
    const window = await this.window();
    if (!window) throw new Error('request_log is empty');
    const stride = Math.max(1, Math.ceil((await this.countIn(window)) / this.maxRows));
    const rows = await this.clickhouse.query<Record<keyof Row, string | number>>(
      sql`SELECT ${raw(columns.join(', '))} FROM request_log FINAL
          WHERE event_ms >= ${window.start} AND event_ms < ${window.end} AND cityHash64(event_id) % ${stride} = 0`,
    );
    return { window, rows };
  }

  private async countIn(window: TimeWindow): Promise<number> {
    const [row] = await this.clickhouse.query<{ n: string }>(sql`SELECT count() AS n FROM request_log FINAL WHERE event_ms >= ${window.start} AND event_ms < ${window.end}`);
    return Number(row?.n ?? 0);
  }
}
