import { contractByName } from '#contracts';
import type { TrafficEvent } from '#generator';
import { ClickHouseFixture } from './clickhouse-fixture';
import { KafkaFixture } from './kafka-fixtures';
import { ServiceProcess } from './service-process';
import { namespacedServiceEnv } from './local-stack';
import { uniqueNamespace } from './unique-names';
import { waitFor } from './wait-for';

export const TABLE_OF_TOPIC: Record<TrafficEvent['topic'], string> = {
  sales: 'sales',
  products: 'products',
  'request-log': 'request_log',
  feedback: 'feedback',
};

let nextPort = 29_500 + Math.floor(Math.random() * 400);

/** An ingest process on its own topics, group and database, with the clients a test needs. */
export class IngestHarness {
  readonly namespace: ReturnType<typeof uniqueNamespace>;
  readonly kafka: KafkaFixture;
  readonly clickhouse: ClickHouseFixture;
  readonly metricsPort = nextPort++;
  readonly ingest: ServiceProcess;

  constructor(label: string, extraEnv: Record<string, string> = {}) {
    this.namespace = uniqueNamespace(label);
    this.kafka = new KafkaFixture(this.namespace.topicPrefix);
    this.clickhouse = new ClickHouseFixture(this.namespace.database);
    this.ingest = new ServiceProcess('ingest', {
      ...namespacedServiceEnv(this.namespace, this.metricsPort),
      INGEST_GROUP_ID: this.namespace.groupId,
      ...extraEnv,
    });
  }

  async setUp(): Promise<this> {
    await this.kafka.setUp();
    return this;
  }

  async startIngest(): Promise<void> {
    this.ingest.start();
    await this.ingest.waitHealthy(this.metricsPort);
  }

  /** Produces generator events to their topics, grouped by topic, keeping each topic's order. */
  async produce(events: readonly TrafficEvent[]): Promise<void> {
    const byTopic = new Map<string, unknown[]>();
    for (const e of events) {
      const list = byTopic.get(e.topic) ?? [];
      list.push(e.value);
      byTopic.set(e.topic, list);
    }
    for (const [topic, values] of byTopic) await this.kafka.produce(contractByName(topic), values);
  }

  /** Waits until every table holds exactly the expected number of distinct events. */
  async waitForCounts(expected: Partial<Record<string, number>>, timeoutMs = 120_000): Promise<void> {
    for (const [table, n] of Object.entries(expected)) {
      await waitFor(() => this.clickhouse.count(table), (count) => count === n, { timeoutMs, intervalMs: 500, what: `${n} rows in ${table}` });
    }
  }

  async tearDown(): Promise<void> {
    await this.ingest.stop('SIGTERM');
    await this.kafka.tearDown();
    await this.clickhouse.drop();
  }
}

/** Counts events per table for a list of generator events. */
export function expectedCounts(events: readonly TrafficEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) {
    const table = TABLE_OF_TOPIC[e.topic];
    counts[table] = (counts[table] ?? 0) + 1;
  }
  return counts;
}
