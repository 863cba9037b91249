/**
 * npm run bench:ingest — events/s from Kafka topics to ClickHouse rows for N mixed events, beside
 * Kafka's own ConsumerPerformance tool reading the same topics on the same machine. Prints JSON.
 * BENCH_EVENTS (default 1 000 000) sets N.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { repoRoot } from '../support/repo-root';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { contractByName } from '#contracts';
import { configureLogging } from '#telemetry';
import { createTraffic, type TrafficEvent } from '#generator';
import { ClickHouseFixture } from '../support/clickhouse-fixture';
import { TABLE_OF_TOPIC } from '../support/ingest-harness';
import { KafkaFixture } from '../support/kafka-fixtures';
import { namespacedServiceEnv, stackEnv } from '../support/local-stack';
import { ServiceProcess } from '../support/service-process';
import { uniqueNamespace } from '../support/unique-names';

const run = promisify(execFile);
const progress = (message: string) => process.stderr.write(`[bench:ingest] ${message}\n`);

async function produceMixed(kafka: KafkaFixture, total: number): Promise<{ counts: Record<string, number>; seconds: number }> {
  const traffic = createTraffic({ seed: 42, start: Date.UTC(2026, 9, 1), salesLinesPerSecond: 400, requestsPerSecond: 3000, feedbackPerSecond: 100 });
  const counts: Record<string, number> = {};
  const started = performance.now();
  let produced = 0;
  let chunk: TrafficEvent[] = [];
  const flush = async () => {
    const byTopic = new Map<string, unknown[]>();
    for (const e of chunk) {
      let values = byTopic.get(e.topic);
      if (!values) byTopic.set(e.topic, (values = []));
      values.push(e.value);
      counts[TABLE_OF_TOPIC[e.topic]] = (counts[TABLE_OF_TOPIC[e.topic]] ?? 0) + 1;
    }
    await Promise.all([...byTopic].map(([topic, values]) => kafka.produce(contractByName(topic), values, 10_000)));
    produced += chunk.length;
    chunk = [];
  };
  const catalogue = traffic.catalogueEvents();
  chunk.push(...catalogue);
  for (const batch of traffic.take(total - catalogue.length)) {
    chunk.push(...batch);
    if (chunk.length >= 50_000) {
      await flush();
      if (produced % 200_000 < 50_000) progress(`produced ${produced}/${total}`);
    }
  }
  await flush();
  return { counts, seconds: (performance.now() - started) / 1000 };
}

async function referenceConsumer(topicPrefix: string, total: number): Promise<{ eventsPerSecond: number; fetchEventsPerSecond: number; seconds: number }> {
  const stack = resolve(repoRoot(), 'deploy/local/stack');
  const pattern = `${topicPrefix.replace(/\./g, '\\.')}(sales|products|request-log|feedback)`;
  const { stdout } = await run(
    'bash',
    [stack, 'kafka-tool', 'org.apache.kafka.tools.ConsumerPerformance', '--bootstrap-server', stackEnv().kafkaBrokers, '--include', pattern, '--num-records', String(total), '--group', `${topicPrefix}reference`, '--timeout', '120000'],
    { maxBuffer: 1 << 20 },
  );
  const lines = stdout.trim().split('\n');
  const header = lines.find((l) => l.includes('nMsg.sec'))!.split(',').map((s) => s.trim());
  const values = lines[lines.length - 1]!.split(',').map((s) => s.trim());
  const field = (name: string) => Number(values[header.indexOf(name)]);
  return {
    eventsPerSecond: field('nMsg.sec'),
    fetchEventsPerSecond: field('fetch.nMsg.sec'),
    seconds: (field('fetch.time.ms') + field('rebalance.time.ms')) / 1000,
  };
}

/** The same topics read with kafkajs doing nothing else: the ceiling of the client Pulse uses. */
async function kafkajsOnly(topicPrefix: string, total: number): Promise<{ eventsPerSecond: number; seconds: number }> {
  const kafka = new Kafka({ clientId: 'bench-kafkajs', brokers: stackEnv().kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `${topicPrefix}kafkajs-only`, maxBytesPerPartition: 4 << 20 });
  await consumer.connect();
  await consumer.subscribe({ topics: ['sales', 'products', 'request-log', 'feedback'].map((t) => `${topicPrefix}${t}`), fromBeginning: true });
  let seen = 0;
  let first = 0;
  await new Promise<void>((resolveAll) => {
    void consumer.run({
      partitionsConsumedConcurrently: 4,
      eachBatch: async ({ batch }) => {
        first ||= performance.now();
        seen += batch.messages.length;
        if (seen >= total) resolveAll();
      },
    });
  });
  const seconds = (performance.now() - first) / 1000;
  await consumer.disconnect();
  return { eventsPerSecond: Math.round(seen / seconds), seconds };
}

async function pulseIngest(ns: ReturnType<typeof uniqueNamespace>, counts: Record<string, number>, total: number) {
  const metricsPort = 29_990;
  const ingest = new ServiceProcess('ingest', {
    ...namespacedServiceEnv(ns, metricsPort),
    INGEST_GROUP_ID: ns.groupId,
    LOG_LEVEL: 'warn',
  });
  const clickhouse = new ClickHouseFixture(ns.database);
  const spawned = performance.now();
  ingest.start();
  await ingest.waitHealthy(metricsPort);
  const consuming = performance.now();
  let stored = 0;
  let peakRssMb = 0;
  while (stored < total) {
    await new Promise((r) => setTimeout(r, 200));
    const rows = await clickhouse.adapter.query<{ n: string }>(
      `SELECT (SELECT count() FROM ${ns.database}.sales) + (SELECT count() FROM ${ns.database}.products) + (SELECT count() FROM ${ns.database}.request_log) + (SELECT count() FROM ${ns.database}.feedback) AS n`,
    );
    stored = Number(rows[0]?.n ?? 0);
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).then((r) => r.text());
    const rss = /process_resident_memory_bytes (\d+)/.exec(metrics);
    if (rss) peakRssMb = Math.max(peakRssMb, Number(rss[1]) / 2 ** 20);
    if (performance.now() - consuming > 600_000) throw new Error(`ingest stalled at ${stored}/${total} rows`);
  }
  const done = performance.now();
  await ingest.stop('SIGTERM');
  const exact: Record<string, boolean> = {};
  for (const [table, n] of Object.entries(counts)) exact[table] = (await clickhouse.count(table)) === n;
  await clickhouse.drop();
  return {
    eventsPerSecond: Math.round(total / ((done - consuming) / 1000)),
    seconds: (done - consuming) / 1000,
    startupSeconds: (consuming - spawned) / 1000,
    peakRssMb: Math.round(peakRssMb),
    exactCounts: exact,
  };
}

async function main(): Promise<void> {
  configureLogging({ service: 'bench-ingest', level: 'warn' });
  const total = Number(process.env['BENCH_EVENTS'] ?? 1_000_000);
  const ns = uniqueNamespace('bench');
  const kafka = await new KafkaFixture(ns.topicPrefix).setUp();
  progress(`producing ${total} mixed events to ${ns.topicPrefix}*`);
  const produced = await produceMixed(kafka, total);
  await kafka.tearDown();
  progress(`reference: Kafka ConsumerPerformance on the same topics`);
  const reference = await referenceConsumer(ns.topicPrefix, total);
  progress(`kafkajs alone on the same topics`);
  const clientOnly = await kafkajsOnly(ns.topicPrefix, total);
  progress(`pulse ingest: topics → ClickHouse`);
  const pulse = await pulseIngest(ns, produced.counts, total);
  const ratio = pulse.eventsPerSecond / reference.fetchEventsPerSecond;
  const result = {
    benchmark: 'ingest',
    events: total,
    mix: produced.counts,
    produce: { eventsPerSecond: Math.round(total / produced.seconds), seconds: produced.seconds },
    reference: { tool: 'kafka ConsumerPerformance (fetch.nMsg.sec, rebalance excluded)', ...reference },
    kafkajsOnly: { what: 'kafkajs eachBatch doing nothing: the client ceiling', ...clientOnly },
    pulse,
    ratioToReference: Number(ratio.toFixed(3)),
    targets: { eventsPerSecond: 100_000, ratioToReference: 0.5 },
    meetsTargets: pulse.eventsPerSecond >= 100_000 && ratio >= 0.5,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
