import type { ClickHouseAdapter } from '#clickhouse';
import { seriesKeyOf, type SalesRow } from '#forecast';
import { isoDate } from '#training';

export interface MergedUpload {
  uploadId: string;
  /** Rows stored: one per (product_id, date), the file's last row for a pair winning. */
  rows: number;
  products: number;
  firstDate: string;
  lastDate: string;
}

/**
 * Merges uploaded CSV rows into the sales data: ClickHouse `sales_uploads`, one row per
 * (product_id, date) with the newest upload winning, which `demand_daily` puts in place of that
 * day's sales events. Rows without a product_id belong to their category and region's series.
 */
export class SalesUploads {
  constructor(private readonly clickhouse: ClickHouseAdapter) {}

  async merge(rows: readonly SalesRow[], uploadId: string, now: number): Promise<MergedUpload> {
    const byKey = new Map<string, SalesRow>();
    for (const row of rows) byKey.set(`${seriesKeyOf(row)}|${row.day}`, row);
    const stored = [...byKey.values()].map((r) => ({
      product_id: seriesKeyOf(r),
      date: isoDate(r.day),
      units: r.sales,
      category: r.category ?? 'uncategorised',
      region: r.region ?? 'all',
      rating: r.rating ?? null,
      price: r.price ?? null,
      discount_pct: r.discount ?? 0,
      upload_id: uploadId,
      uploaded_ms: now,
    }));
    await this.clickhouse.insertJsonEachRow('sales_uploads', stored.map((r) => JSON.stringify(r)).join('\n'));
    const days = stored.map((r) => r.date).sort();
    return { uploadId, rows: stored.length, products: new Set(stored.map((r) => r.product_id)).size, firstDate: days[0]!, lastDate: days[days.length - 1]! };
  }
}
