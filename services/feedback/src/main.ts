import './tracing';
import 'reflect-metadata';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClickHouseAdapter, runMigrations } from '#clickhouse';
import { ConfigError } from '#config';
import { prefixed, topics } from '#contracts';
import { FeedbackRewardModel, defaultRewardModelSettings, rewardModelFamily, type BehaviourClustering } from '#feedback';
import { HttpErrorsFilter } from '#http';
import { AvroRegistryCodec, DeadLetterPublisher, KafkaStreamServer, StreamProducer, createKafka, createStreamApp, defaultStreamServerOptions, ensureTopics, registerSchemas } from '#kafka';
import { transformersTextEmbedder } from '#ml';
import { ModelFamilies, ModelHolder, ModelLifecycle, ModelPublisher, ModelSubscriber, ModelVersionStore, StateSnapshots, type ModelFamily } from '#models';
import { PipelineMetrics, TelemetryServer, configureLogging, onShutdown, stopTracing, type HealthReport } from '#telemetry';
import { loadFeedbackConfig } from './feedback.config';
import { FeedbackApiModule } from './feedback.module';
import { FeedbackStreamModule } from './feedback-stream.controller';
import { MlRequests } from './ml-requests';
import { RewardLearner, type PromptEmbedder } from './reward-learner';
import { NotTheLearnerError, RewardService } from './reward-service';
import { StyleProfileStore } from './style-profile.store';
import { USER_SEGMENTS_MODEL, userSegmentsFamily } from './user-segments.controller';

export const REWARD_MODEL = 'feedback-reward';

async function main(): Promise<void> {
  const config = loadFeedbackConfig();
  const { platform } = config;
  const log = configureLogging({ service: 'pulse-feedback', level: platform.logLevel });
  let state: HealthReport['status'] = 'starting';

  const families = new ModelFamilies([rewardModelFamily, userSegmentsFamily] as ModelFamily<unknown>[]);
  const holder = new ModelHolder<FeedbackRewardModel>(REWARD_MODEL, families);
  const segmentsHolder = new ModelHolder<BehaviourClustering>(USER_SEGMENTS_MODEL, families);
  const live: { reward?: RewardService } = {};
  const health = () => ({ status: state, models: [holder.status(), segmentsHolder.status()], reward: live.reward?.status() ?? null });
  const metrics = new PipelineMetrics();
  const telemetry = new TelemetryServer(metrics.registry, health);
  const metricsPort = await telemetry.listen(platform.metricsPort);
  log.info({ metricsPort }, 'telemetry listening');

  const clickhouse = new ClickHouseAdapter({ url: platform.clickhouseUrl, username: platform.clickhouseUser, password: platform.clickhousePassword, database: platform.clickhouseDatabase });
  await runMigrations(clickhouse, { logger: log });
  const kafka = createKafka(platform, 'feedback');
  const codec = new AvroRegistryCodec({ url: platform.schemaRegistryUrl, username: platform.schemaRegistryUsername, password: platform.schemaRegistryPassword });
  await ensureTopics(kafka, platform.topicPrefix, [topics.feedback, topics.modelArtifacts]);
  await registerSchemas(codec, platform.topicPrefix, [topics.feedback, topics.modelArtifacts]);
  const producer = new StreamProducer(kafka, codec, metrics);
  await producer.connect();

  // The active snapshot is loaded before the first event is learned: a restart resumes where the last snapshot left off.
  const artifactsTopic = prefixed(platform.topicPrefix, topics.modelArtifacts.name);
  const subscriber = new ModelSubscriber(kafka, codec, artifactsTopic, [holder, segmentsHolder] as ModelHolder<unknown>[]);
  await subscriber.start();
  const publisher = new ModelPublisher(producer, artifactsTopic);
  const store = new ModelVersionStore(clickhouse);
  const lifecycle = new ModelLifecycle(store, publisher);
  const snapshots = new StateSnapshots(rewardModelFamily, holder, publisher, store, lifecycle, { codeVersion: config.codeVersion, keep: config.snapshotsKept });
  const userSegments = new StateSnapshots(userSegmentsFamily, segmentsHolder, publisher, store, lifecycle, { codeVersion: config.codeVersion, keep: config.snapshotsKept, reason: 'fitted on request' });
  const restored = snapshots.restored();

  const textEmbedder = config.textModelDir ? await transformersTextEmbedder(config.textModelDir) : undefined;
  const embed: PromptEmbedder | undefined = textEmbedder ? (prompts) => textEmbedder.embed(prompts) : undefined;
  const emptyModel = () =>
    FeedbackRewardModel.create({
      bits: config.hashBits,
      embeddingDimensions: textEmbedder?.dimensions ?? 0,
      options: { ...defaultRewardModelSettings.options, maxUsers: config.maxUsers },
    });

  // The learner resumes from the active version; a replica serves whichever version is active.
  let learning: { learner: RewardLearner; stream: INestMicroservice; server: KafkaStreamServer } | null = null;
  if (config.learn) {
    const model = restored?.state ?? emptyModel();
    log.info({ restored: restored?.version ?? null, events: model.model.events, users: model.model.userCount }, restored ? 'reward model resumed from its active snapshot' : 'reward model starts empty');
    const server = new KafkaStreamServer(kafka, codec, new DeadLetterPublisher(producer, metrics), metrics, {
      ...defaultStreamServerOptions,
      groupId: config.groupId,
      topicPrefix: platform.topicPrefix,
      contracts: [topics.feedback],
      // One model learns from every partition, one batch at a time.
      partitionsConsumedConcurrently: 1,
      commitIntervalMs: config.commitIntervalMs,
    });
    const learner = new RewardLearner(model, clickhouse, embed, async (err, attempt, delayMs) => {
      metrics.retries.inc({ operation: 'clickhouse-insert' });
      log.warn({ attempt, delayMs, err: (err as Error).message }, 'ClickHouse insert failed; retrying');
      await server.keepAlive();
    });
    server.addSink(learner.trace);
    learning = { learner, server, stream: await createStreamApp(FeedbackStreamModule.register(learner), server) };
  }
  const reward = new RewardService(learning?.learner ?? null, snapshots, holder, embed, emptyModel());
  live.reward = reward;

  const snapshot = () => (learning ? reward.snapshot().catch((err: unknown) => log.error({ err }, 'reward model snapshot failed; the next one will try again')) : Promise.resolve());
  const snapshotTimer = setInterval(() => void snapshot(), config.snapshotIntervalMs);

  const api = await NestFactory.create(
    FeedbackApiModule.register({ config, reward, producer, requests: new MlRequests(clickhouse), styleProfiles: new StyleProfileStore(clickhouse), userSegments, health }),
    { logger: ['error', 'warn'] },
  );
  // The learning libraries throw RangeError for input they cannot work with (k above the item count, …).
  api.useGlobalFilters(new HttpErrorsFilter([[RangeError, 400], [NotTheLearnerError, 409]]));

  const shutdown = onShutdown(log, async () => {
    state = 'stopping';
    clearInterval(snapshotTimer);
    await api.close();
    if (learning) {
      await learning.stream.close(); // drains: the batch in hand is learned, traced and committed
      await learning.learner.trace.flush();
      await snapshot();
    }
    await subscriber.stop();
    await producer.disconnect();
    await clickhouse.close();
    await telemetry.close();
    await stopTracing();
  });
  learning?.server.onCrash((err) => void shutdown(`consumer crashed: ${err.message}`, 1));

  await learning?.stream.listen();
  await api.listen(config.httpPort, '127.0.0.1');
  state = 'ok';
  log.info({ role: reward.status().role, groupId: config.groupId, httpPort: config.httpPort, version: reward.version }, 'feedback service running');
}

main().catch((err: unknown) => {
  console.error('pulse-feedback failed to start:', err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
