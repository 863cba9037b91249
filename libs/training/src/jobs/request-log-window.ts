import { raw, sql, type ClickHouseAdapter } from '#clickhouse';
import type { PromotionRule, ServedModel } from '#models';
import type { TrainingJob, TrainingOutcome } from '../training-job';

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

export interface RequestLogJobOptions {
  cron: string;
  minRows: number;
  /** Holdout AUC a candidate must reach to be promoted at all (seed 002's performance threshold). */
  minAuc: number;
  /** Event-time window ending at the newest request. */
  windowHours: number;
  /** At most this many requests are read (a deterministic sample by event id). */
  maxRows: number;
  codeVersion: string;
}

/** A job trained on recent request logs and promoted on holdout AUC: the schedule and data window it shares. */
export abstract class RequestLogJob implements TrainingJob {
  abstract readonly name: string;
  abstract readonly model: string;
  abstract readonly description: string;
  readonly promotion: PromotionRule;
  protected readonly requests: RequestLogWindow;

  constructor(
    clickhouse: ClickHouseAdapter,
    protected readonly options: RequestLogJobOptions,
    /** How much lower than the live version's AUC a candidate may score and still be promoted. */
    tolerance: number,
  ) {
    this.requests = new RequestLogWindow(clickhouse, options.windowHours, options.maxRows);
    this.promotion = { metric: 'auc', direction: 'higher-is-better', tolerance, floor: options.minAuc };
  }

  get cron(): string {
    return this.options.cron;
  }

  get minRows(): number {
    return this.options.minRows;
  }

  countRows(): Promise<number> {
    return this.requests.countRows();
  }

  abstract train(now: number, live: ServedModel<unknown> | undefined): Promise<TrainingOutcome>;
}
