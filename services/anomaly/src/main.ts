import './tracing';
import 'reflect-metadata';
import { anomalyStateFamily, routeOutlierFamily, type AnomalyPipelineState, type RouteOutlierModel } from '#anomaly';
import { ClickHouseAdapter, runMigrations } from '#clickhouse';
import { ConfigError } from '#config';
import { prefixed, topics } from '#contracts';
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
import { ModelFamilies, ModelHolder, ModelLifecycle, ModelPublisher, ModelSubscriber, ModelVersionStore, type ModelFamily } from '#models';
import { PipelineMetrics, TelemetryServer, configureLogging, onShutdown, stopTracing, type HealthReport } from '#telemetry';
import { AnomalyModule } from './anomaly.module';
import { AnomalyOutput } from './anomaly-output';
import { loadAnomalyConfig } from './anomaly.config';
import { Detection, pipelineOptions } from './detection';
import { OrderedIntake } from './ordered-intake';
import { PartitionAligner } from './partition-aligner';
import { BASELINES_MODEL, StateCheckpoints } from './state-checkpoints';

export const REQUEST_OUTLIERS_MODEL = 'request-outliers';

async function main(): Promise<void> {
  const config = loadAnomalyConfig();
  const { platform } = config;
  const log = configureLogging({ service: 'pulse-anomaly', level: platform.logLevel });
  let state: HealthReport['status'] = 'starting';

  const families = new ModelFamilies([anomalyStateFamily, routeOutlierFamily] as ModelFamily<unknown>[]);
  const baselines = new ModelHolder<AnomalyPipelineState>(BASELINES_MODEL, families);
  const outliers = new ModelHolder<RouteOutlierModel>(REQUEST_OUTLIERS_MODEL, families);
  const live: { detection?: Detection } = {};
  const metrics = new PipelineMetrics();
  const telemetry = new TelemetryServer(metrics.registry, () => ({
    status: state,
    models: [baselines.status(), outliers.status()],
    detection: live.detection ? { ...live.detection.pipeline.statistics(), versions: live.detection.versions } : null,
  }));
  const metricsPort = await telemetry.listen(platform.metricsPort);
  log.info({ metricsPort }, 'telemetry listening');

  const clickhouse = new ClickHouseAdapter({ url: platform.clickhouseUrl, username: platform.clickhouseUser, password: platform.clickhousePassword, database: platform.clickhouseDatabase });
  await runMigrations(clickhouse, { logger: log });

  const kafka = createKafka(platform, 'anomaly');
  const codec = new AvroRegistryCodec({ url: platform.schemaRegistryUrl, username: platform.schemaRegistryUsername, password: platform.schemaRegistryPassword });
  await ensureTopics(kafka, platform.topicPrefix, [topics.requestLog, topics.anomalies, topics.modelArtifacts]);
  await registerSchemas(codec, platform.topicPrefix, [topics.requestLog, topics.anomalies, topics.modelArtifacts]);
  const producer = new StreamProducer(kafka, codec, metrics);
  await producer.connect();

  // The active checkpoint and per-request model are loaded before the first event is scored.
  const artifactsTopic = prefixed(platform.topicPrefix, topics.modelArtifacts.name);
  const subscriber = new ModelSubscriber(kafka, codec, artifactsTopic, [baselines, outliers] as ModelHolder<unknown>[]);
  await subscriber.start();
  const publisher = new ModelPublisher(producer, artifactsTopic);
  const store = new ModelVersionStore(clickhouse);
  const checkpoints = new StateCheckpoints(baselines, publisher, store, new ModelLifecycle(store, publisher), { codeVersion: config.codeVersion, keep: config.checkpointsKept });
  const restored = checkpoints.restored();
  const running = new Detection(pipelineOptions(config), restored, outliers);
  live.detection = running;
  // Every partition of request-log holds the watermark back until it has delivered (or gone idle).
  running.pipeline.expectSources(Array.from({ length: topics.requestLog.partitions }, (_, p) => String(p)), Date.now());
  log.info({ baselines: running.baselineVersion, ...running.pipeline.statistics() }, restored ? 'resumed from the active state checkpoint' : 'no state checkpoint yet: baselines start cold');

  const server = new KafkaStreamServer(kafka, codec, new DeadLetterPublisher(producer, metrics), metrics, {
    ...defaultStreamServerOptions,
    groupId: config.groupId,
    topicPrefix: platform.topicPrefix,
    contracts: [topics.requestLog],
    // Windows and baselines are shared by all partitions: one batch at a time, in the order read.
    partitionsConsumedConcurrently: 1,
    maxBytesPerPartition: config.fetchBytesPerPartition,
    commitIntervalMs: config.commitIntervalMs,
  });
  const output = new AnomalyOutput(producer, clickhouse, platform.topicPrefix, async (err, attempt, delayMs) => {
    metrics.retries.inc({ operation: 'clickhouse-insert' });
    log.warn({ attempt, delayMs, err: (err as Error).message }, 'ClickHouse insert failed; retrying');
    await server.keepAlive();
  });
  const intake = new OrderedIntake(running, output, config.maxBufferedEvents, new PartitionAligner(server, config.maxPartitionSkewMs));
  // The intake scores (and appends rows) first, then the table is flushed, then offsets are committed.
  server.addSink(intake).addSink(output.table);
  const app = await createStreamApp(AnomalyModule.register(intake), server);

  const checkpoint = async () => {
    running.baselineVersion = await checkpoints.save(running.pipeline, restored || running.baselineVersion !== 'cold' ? running.baselineVersion : null);
  };
  const checkpointTimer = setInterval(() => void checkpoint().catch((err: unknown) => log.error({ err }, 'state checkpoint failed; the next one will try again')), config.checkpointIntervalMs);
  // When traffic pauses, idle partitions stop holding the watermark back and the last windows are scored.
  const idleTimer = setInterval(
    () => void intake.advanceIdle().catch((err: unknown) => log.error({ err }, 'publishing idle-closed windows failed')),
    Math.max(1_000, Math.floor(config.sourceIdleMs / 2)),
  );

  const shutdown = onShutdown(log, async () => {
    state = 'stopping';
    clearInterval(checkpointTimer);
    clearInterval(idleTimer);
    await app.close(); // drains: the batch in hand is scored, published and committed
    await output.table.flush();
    await checkpoint().catch((err: unknown) => log.error({ err }, 'final state checkpoint failed; a restart resumes from the previous one'));
    await subscriber.stop();
    await producer.disconnect();
    await clickhouse.close();
    await telemetry.close();
    await stopTracing();
  });
  server.onCrash((err) => void shutdown(`consumer crashed: ${err.message}`, 1));

  await app.listen();
  state = 'ok';
  log.info({ groupId: config.groupId, windowMs: config.windowMs, baselines: running.baselineVersion }, 'anomaly detection running');
}

main().catch((err: unknown) => {
  console.error('pulse-anomaly failed to start:', err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
