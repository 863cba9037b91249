import { createHash } from 'node:crypto';
import type { ClickHouseAdapter } from '#clickhouse';
import { prefixed, topics, type Forecast } from '#contracts';
import { inventoryLevels, type DemandForecastModel, type LatestDemand } from '#forecast';
import type { StreamProducer } from '#kafka';
import type { ServedModel } from '#models';
import { isoDate } from '#training';
import { forecastRow } from './forecast-records';

export interface PublishPolicy {
  days: number;
  intervalLevel: number;
  leadTimeDays: number;
  serviceLevel: number;
  reviewPeriodDays: number;
}

const BATCH = 500;

/**
 * Publishes every active product's daily forecast, with its inventory levels, to the `forecasts`
 * topic and the ClickHouse `forecasts` table: once per forecast origin (the last complete day) and
 * model version. Ids are deterministic, so a republished forecast is stored once.
 */
export class ForecastPublisher {
  private readonly topic: string;
  private lastPublished: string | null = null;
  published = 0;

  constructor(
    private readonly producer: StreamProducer,
    private readonly clickhouse: ClickHouseAdapter,
    topicPrefix: string,
    private readonly policy: PublishPolicy,
  ) {
    this.topic = prefixed(topicPrefix, topics.forecasts.name);
  }

  /** Publishes unless this origin and version were published already; returns the records sent. */
  async publish(served: ServedModel<DemandForecastModel>, latest: LatestDemand | undefined, inactive: ReadonlySet<string>, now: number): Promise<number> {
    const { model, manifest } = served;
    const key = `${manifest.version}@${model.originDay(latest)}`;
    if (key === this.lastPublished) return 0;
    const active = new Set(model.state.products.map((p) => p.profile.productId).filter((id) => !inactive.has(id)));
    const covered = Math.max(this.policy.days, this.policy.leadTimeDays + this.policy.reviewPeriodDays);
    const { originDay, forecasts } = model.forecastEach(covered, this.policy.intervalLevel, latest, active);
    const historyDays = new Map(model.state.products.map((p) => [p.profile.productId, p.historyDays]));
    const records: Forecast[] = [...forecasts].map(([productId, f]) => {
      const levels = inventoryLevels(f, { ...this.policy, historyDays: historyDays.get(productId)! });
      return {
        event_id: createHash('sha256').update(`${productId}|${originDay}|${manifest.model}|${manifest.version}`).digest('hex').slice(0, 32),
        generated_at: now,
        product_id: productId,
        origin_date: isoDate(originDay),
        horizon_days: this.policy.days,
        interval_level: f.level,
        points: Array.from({ length: this.policy.days }, (_, d) => ({ date: isoDate(originDay + 1 + d), forecast: f.mean[d]!, lower: f.lower[d]!, upper: f.upper[d]! })),
        safety_stock: levels.safetyStock,
        reorder_point: levels.reorderPoint,
        min_level: levels.minimumLevel,
        max_level: levels.maximumLevel,
        lead_time_days: this.policy.leadTimeDays,
        service_level: this.policy.serviceLevel,
        warnings: levels.warnings,
        model_name: manifest.model,
        model_version: manifest.version,
      };
    });
    for (let i = 0; i < records.length; i += BATCH) {
      const batch = records.slice(i, i + BATCH);
      await this.producer.send(this.topic, batch.map((value) => ({ key: topics.forecasts.keyOf(value), value })));
      await this.clickhouse.insertJsonEachRow('forecasts', batch.map((r) => JSON.stringify(forecastRow(r))).join('\n'));
    }
    this.lastPublished = key;
    this.published += records.length;
    return records.length;
  }
}
