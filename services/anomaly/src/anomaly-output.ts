import { BatchedAppender, type ClickHouseAdapter } from '#clickhouse';
import { prefixed, topics, type Anomaly } from '#contracts';
import type { IncidentUpdate } from '#anomaly';
import type { StreamProducer } from '#kafka';
import { anomalyRecord, anomalyRow, type AnomalyRow, type DetectorVersions } from './anomaly-records';

export const ANOMALY_OUTPUT = Symbol('AnomalyOutput');

/**
 * Where incident updates go: the `anomalies` topic (acknowledged before the input offsets are
 * committed) and the ClickHouse `anomalies` table (a sink the stream server flushes before it
 * commits). Both are keyed by the update's deterministic id, so a replay duplicates nothing.
 */
export class AnomalyOutput {
  readonly table: BatchedAppender<AnomalyRow>;
  private readonly topic: string;
  published = 0;

  constructor(
    private readonly producer: StreamProducer,
    clickhouse: ClickHouseAdapter,
    topicPrefix: string,
    onRetry: (err: unknown, attempt: number, delayMs: number) => void | Promise<void>,
  ) {
    this.topic = prefixed(topicPrefix, topics.anomalies.name);
    this.table = new BatchedAppender<AnomalyRow>({
      table: 'anomalies',
      insert: (t, body) => clickhouse.insertJsonEachRow(t, body),
      maxRows: 10_000,
      maxBytes: 8 * 1024 * 1024,
      maxDelayMs: 500,
      maxBufferedRows: 100_000,
      onRetry,
    });
  }

  async emit(updates: readonly IncidentUpdate[], versions: DetectorVersions, detectedAt = Date.now()): Promise<void> {
    if (updates.length === 0) return;
    const records: Anomaly[] = updates.map((u) => anomalyRecord(u, detectedAt, versions));
    await this.producer.send(
      this.topic,
      records.map((value) => ({ key: topics.anomalies.keyOf(value), value })),
    );
    await this.table.append(records.map(anomalyRow));
    this.published += records.length;
  }
}
