import { sql, type ClickHouseAdapter } from '#clickhouse';
import type { DailySeries, ProductHistory, ProductProfile } from '#forecast';

const DAY_MS = 86_400_000;

interface DemandRow {
  product_id: string;
  day: number;
  units: number;
  avg_discount_pct: number;
  category: string;
  region: string;
}

interface ProfileRow {
  product_id: string;
  description: string | null;
  image_url: string | null;
  price: number | null;
  rating: number | null;
}

export interface DemandHistories {
  /** Epoch day every history ends on: the last complete day with sales. */
  lastDay: number;
  histories: ProductHistory[];
  /** Product-days read. */
  rows: number;
}

/**
 * Daily demand per product from ClickHouse `demand_daily` (sales events' daily totals, uploaded CSV
 * days replacing them), up to the last complete day before `now`: the forecaster's training data
 * and, for the latest days, its serving inputs. Profiles join the catalogue (`products_latest`)
 * and the uploads' own columns.
 */
export class DemandHistory {
  constructor(
    private readonly clickhouse: ClickHouseAdapter,
    /** Days of history read at most, ending on the last complete day. */
    private readonly maxDays: number,
  ) {}

  /** The last day before `now`'s (UTC) day with any demand row; null when there is none. */
  async lastDay(now: number): Promise<number | null> {
    const [row] = await this.clickhouse.query<{ last: string; n: string }>(
      sql`SELECT toString(max(date)) AS last, count() AS n FROM demand_daily WHERE date < toDate(${isoDate(Math.floor(now / DAY_MS))})`,
    );
    return row && Number(row.n) > 0 ? Date.parse(`${row.last}T00:00:00Z`) / DAY_MS : null;
  }

  /** Product-days within the history window. */
  async countRows(now: number): Promise<number> {
    const last = await this.lastDay(now);
    if (last === null) return 0;
    const [row] = await this.clickhouse.query<{ n: string }>(sql`SELECT count() AS n FROM demand_daily WHERE date > toDate(${isoDate(last - this.maxDays)}) AND date <= toDate(${isoDate(last)})`);
    return Number(row?.n ?? 0);
  }

  /** Every product's history over the window, each running from its first sale to the common last day. */
  async load(now: number): Promise<DemandHistories> {
    return this.read(now, this.maxDays);
  }

  /** The last `days` days of every product: what keeps served forecasts current between trainings. */
  async latest(now: number, days: number): Promise<{ lastDay: number; series: Map<string, DailySeries> } | null> {
    const read = await this.read(now, days, false);
    if (!read) return null;
    return { lastDay: read.lastDay, series: new Map(read.histories.map((h) => [h.profile.productId, h.series])) };
  }

  /** Products the catalogue marks inactive: no forecasts are published for them. */
  async inactiveProducts(): Promise<Set<string>> {
    const rows = await this.clickhouse.query<{ product_id: string }>(sql`SELECT product_id FROM products_latest WHERE active = 0`);
    return new Set(rows.map((r) => r.product_id));
  }

  private async read(now: number, days: number): Promise<DemandHistories>;
  private async read(now: number, days: number, withProfiles: false): Promise<DemandHistories | null>;
  private async read(now: number, days: number, withProfiles = true): Promise<DemandHistories | null> {
    const lastDay = await this.lastDay(now);
    if (lastDay === null) {
      if (!withProfiles) return null;
      throw new Error('there is no daily demand in ClickHouse yet (demand_daily is empty)');
    }
    const firstDay = lastDay - days + 1;
    const rows = (
      await this.clickhouse.query<Record<keyof DemandRow, string | number>>(
        sql`SELECT product_id, toUInt32(date) AS day, units, avg_discount_pct, category, region FROM demand_daily
            WHERE date >= toDate(${isoDate(firstDay)}) AND date <= toDate(${isoDate(lastDay)}) ORDER BY product_id, day`,
      )
    ).map(
      (r): DemandRow => ({
        product_id: String(r.product_id),
        day: Number(r.day),
        units: Number(r.units),
        avg_discount_pct: Number(r.avg_discount_pct),
        category: String(r.category),
        region: String(r.region),
      }),
    );
    const profiles = withProfiles ? await this.profiles() : new Map<string, ProfileRow>();
    // Rows arrive ordered by product, then day.
    const byProduct = new Map<string, DemandRow[]>();
    for (const r of rows) {
      const days = byProduct.get(r.product_id);
      if (days) days.push(r);
      else byProduct.set(r.product_id, [r]);
    }
    const histories = [...byProduct].map(([productId, days]) => historyOf(productId, days, lastDay, profiles.get(productId)));
    return { lastDay, histories, rows: rows.length };
  }

  private async profiles(): Promise<Map<string, ProfileRow>> {
    const catalogue = await this.clickhouse.query<ProfileRow>(sql`SELECT product_id, description, image_url, price, rating FROM products_latest`);
    const uploaded = await this.clickhouse.query<ProfileRow>(
      sql`SELECT product_id, NULL AS description, NULL AS image_url, argMax(price, uploaded_ms) AS price, argMax(rating, uploaded_ms) AS rating
          FROM sales_uploads FINAL GROUP BY product_id`,
    );
    const byId = new Map<string, ProfileRow>();
    for (const p of uploaded) byId.set(p.product_id, p);
    // The catalogue is the shop's own word on a product: it wins over an uploaded file's columns.
    for (const p of catalogue) {
      const upload = byId.get(p.product_id);
      byId.set(p.product_id, { ...p, price: p.price ?? upload?.price ?? null, rating: p.rating ?? upload?.rating ?? null });
    }
    return byId;
  }
}

function historyOf(productId: string, rows: readonly DemandRow[], lastDay: number, profile: ProfileRow | undefined): ProductHistory {
  const startDay = rows[0]!.day;
  const values = new Array<number>(lastDay - startDay + 1).fill(0);
  const discounts = new Array<number>(values.length).fill(0);
  for (const r of rows) {
    values[r.day - startDay] = r.units;
    discounts[r.day - startDay] = r.avg_discount_pct / 100;
  }
  const latest = rows[rows.length - 1]!;
  const productProfile: ProductProfile = {
    productId,
    category: latest.category,
    region: latest.region,
    rating: profile?.rating === null || profile?.rating === undefined ? null : Number(profile.rating),
    price: Number(profile?.price ?? 0),
    discountPct: latest.avg_discount_pct,
    ...(profile?.description ? { description: profile.description } : {}),
    ...(profile?.image_url ? { imagePath: profile.image_url } : {}),
  };
  return { profile: productProfile, series: { startDay, values, discounts } };
}

export function isoDate(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}
