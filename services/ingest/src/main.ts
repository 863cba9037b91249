import './tracing';
import 'reflect-metadata';
import { ConfigError } from '#config';
import { allTopics, topics } from '#contracts';
import { ClickHouseAdapter, runMigrations } from '#clickhouse';
import {
  AvroRegistryCodec,
  DeadLetterPublisher,
  KafkaStreamServer,
  StreamProducer,
  createKafka,
  createStreamApp,
  defaultStreamServerOptions,
  ensureTopics,
  registerSchemas,
} from '#kafka';
import { PipelineMetrics, TelemetryServer, configureLogging, onShutdown, stopTracing, type HealthReport } from '#telemetry';
import { loadIngestConfig } from './ingest.config';
import { IngestModule } from './ingest.module';
import { INGEST_TABLES, type IngestTables } from './ingest-tables';

const consumed = [topics.sales, topics.products, topics.requestLog, topics.feedback];

async function main(): Promise<void> {
  const config = loadIngestConfig();
  const { platform } = config;
  const log = configureLogging({ service: 'pulse-ingest', level: platform.logLevel });
  let state: HealthReport['status'] = 'starting';

  const metrics = new PipelineMetrics();
  const telemetry = new TelemetryServer(metrics.registry, () => ({ status: state }));
  const metricsPort = await telemetry.listen(platform.metricsPort);
  log.info({ metricsPort }, 'telemetry listening');

  const clickhouse = new ClickHouseAdapter({
    url: platform.clickhouseUrl,
    username: platform.clickhouseUser,
    password: platform.clickhousePassword,
    database: platform.clickhouseDatabase,
  });
  await runMigrations(clickhouse, { logger: log });

  const kafka = createKafka(platform, 'ingest');
  const codec = new AvroRegistryCodec({ url: platform.schemaRegistryUrl, username: platform.schemaRegistryUsername, password: platform.schemaRegistryPassword });
  await ensureTopics(kafka, platform.topicPrefix, allTopics);
  await registerSchemas(codec, platform.topicPrefix, consumed);
  const producer = new StreamProducer(kafka, codec, metrics);
  await producer.connect();

  const server = new KafkaStreamServer(kafka, codec, new DeadLetterPublisher(producer, metrics), metrics, {
    ...defaultStreamServerOptions,
    groupId: config.groupId,
    topicPrefix: platform.topicPrefix,
    contracts: consumed,
    partitionsConsumedConcurrently: config.partitionsConcurrently,
    commitIntervalMs: config.commitIntervalMs,
  });
  const onSinkRetry = async (err: unknown, attempt: number, delayMs: number) => {
    metrics.retries.inc({ operation: 'clickhouse-insert' });
    log.warn({ attempt, delayMs, err: (err as Error).message }, 'ClickHouse insert failed; retrying');
    await server.keepAlive();
  };
  const app = await createStreamApp(IngestModule.register(config, clickhouse, onSinkRetry), server);
  server.addSink(app.get<IngestTables>(INGEST_TABLES).sinks);

  // Drains: the batch in hand is finished, flushed and committed before the group is left.
  const shutdown = onShutdown(log, async () => {
    state = 'stopping';
    await app.close();
    await producer.disconnect();
    await clickhouse.close();
    await telemetry.close();
    await stopTracing();
  });
  server.onCrash((err) => void shutdown(`consumer crashed: ${err.message}`, 1));

  await app.listen();
  state = 'ok';
  log.info({ topics: server.topics, groupId: config.groupId }, 'ingest running');
}

main().catch((err: unknown) => {
  // A configuration error already says what to fix; anything else needs its stack.
  console.error('pulse-ingest failed to start:', err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
