import type { DailySeries, LatestDemand } from '#forecast';
import type { DemandHistory } from '#training';

export interface DemandSnapshot {
  /** Epoch day the series end on: the last complete day with sales. */
  lastDay: number;
  series: LatestDemand;
  readAt: number;
}

/**
 * The latest days of daily demand per product, re-read from ClickHouse on a timer: forecasts start
 * from them (no retraining), and the chart shows them.
 */
export class RecentDemand {
  private snapshot: DemandSnapshot | null = null;

  constructor(
    private readonly history: DemandHistory,
    private readonly days: number,
  ) {}

  current(): DemandSnapshot | null {
    return this.snapshot;
  }

  async refresh(now: number): Promise<DemandSnapshot | null> {
    const read = await this.history.latest(now, this.days);
    if (read) this.snapshot = { lastDay: read.lastDay, series: read.series, readAt: now };
    return this.snapshot;
  }

  /** Summed daily demand of `productIds` over the last `days` days up to `lastDay`, from the snapshot or `fallback`. */
  summed(productIds: readonly string[], days: number, lastDay: number, fallback: (id: string) => DailySeries | undefined): { startDay: number; values: number[] } {
    const startDay = lastDay - days + 1;
    const values = new Array<number>(Math.max(0, days)).fill(0);
    for (const id of productIds) {
      const s = this.snapshot?.series.get(id) ?? fallback(id);
      if (!s) continue;
      s.values.forEach((v, i) => {
        const at = s.startDay + i - startDay;
        if (at >= 0 && at < values.length) values[at]! += v;
      });
    }
    return { startDay, values };
  }
}
