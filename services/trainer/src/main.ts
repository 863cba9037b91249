import './tracing';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError } from '#config';
import { prefixed, topics } from '#contracts';
import { ClickHouseAdapter, runMigrations } from '#clickhouse';
import { AvroRegistryCodec, StreamProducer, createKafka, ensureTopics, registerSchemas } from '#kafka';
import { routeOutlierFamily } from '#anomaly';
import { demandForecastFamily, productEmbeddings } from '#forecast';
import { logisticRegressionFamily } from '#ml';
import { ModelFamilies, ModelHolder, ModelLifecycle, ModelPublisher, ModelSubscriber, ModelVersionStore, UnknownVersionError, type ModelFamily } from '#models';
import { PipelineMetrics, TelemetryServer, configureLogging, onShutdown, stopTracing, type HealthReport } from '#telemetry';
import { HttpErrorsFilter } from '#http';
import { DemandForecastJob, JobBusyError, JobScheduler, RequestOutliersJob, RequestRiskJob, UnknownJobError, demandForecastJobOptions, nextCronRun } from '#training';
import { loadTrainerConfig } from './trainer.config';
import { TrainerModule } from './trainer.module';

async function main(): Promise<void> {
  const config = loadTrainerConfig();
  const { platform } = config;
  const log = configureLogging({ service: 'pulse-trainer', level: platform.logLevel });

  const metrics = new PipelineMetrics();
  const holders: ModelHolder<unknown>[] = [];
  let state: HealthReport['status'] = 'starting';
  const telemetry = new TelemetryServer(metrics.registry, () => ({ status: state, models: holders.map((h) => h.status()) }));
  await telemetry.listen(platform.metricsPort);

  const clickhouse = new ClickHouseAdapter({ url: platform.clickhouseUrl, username: platform.clickhouseUser, password: platform.clickhousePassword, database: platform.clickhouseDatabase });
  await runMigrations(clickhouse, { logger: log });

  const kafka = createKafka(platform, 'trainer');
  const codec = new AvroRegistryCodec({ url: platform.schemaRegistryUrl, username: platform.schemaRegistryUsername, password: platform.schemaRegistryPassword });
  await ensureTopics(kafka, platform.topicPrefix, [topics.modelArtifacts]);
  await registerSchemas(codec, platform.topicPrefix, [topics.modelArtifacts]);
  const producer = new StreamProducer(kafka, codec, metrics);
  await producer.connect();
  const artifactsTopic = prefixed(platform.topicPrefix, topics.modelArtifacts.name);

  const families = new ModelFamilies([logisticRegressionFamily, routeOutlierFamily, demandForecastFamily] as ModelFamily<unknown>[]);
  const store = new ModelVersionStore(clickhouse);
  const lifecycle = new ModelLifecycle(store, new ModelPublisher(producer, artifactsTopic));
  const requestRisk = new RequestRiskJob(clickhouse, {
    cron: config.requestRiskCron,
    minRows: config.requestRiskMinRows,
    minAuc: config.requestRiskMinAuc,
    windowHours: config.requestRiskWindowHours,
    maxRows: config.requestRiskMaxRows,
    codeVersion: config.codeVersion,
  });
  const requestRiskHolder = new ModelHolder<unknown>(requestRisk.model, families);
  const requestOutliers = new RequestOutliersJob(clickhouse, {
    cron: config.requestOutliersCron,
    minRows: config.requestOutliersMinRows,
    minAuc: config.requestOutliersMinAuc,
    windowHours: config.requestOutliersWindowHours,
    maxRows: config.requestOutliersMaxRows,
    codeVersion: config.codeVersion,
  });
  const requestOutliersHolder = new ModelHolder<unknown>(requestOutliers.model, families);
  const demandForecast = new DemandForecastJob(clickhouse, demandForecastJobOptions(config, config.codeVersion, await productEmbeddings({ textModelDir: config.demandTextModelDir, imageModelDir: config.demandImageModelDir })));
  const demandForecastHolder = new ModelHolder<unknown>(demandForecast.model, families);
  holders.push(requestRiskHolder, requestOutliersHolder, demandForecastHolder);
  // The trainer is a replica too: it evaluates the live version on each candidate's holdout.
  const subscriber = new ModelSubscriber(kafka, codec, artifactsTopic, holders);
  await subscriber.start();

  const scheduler = new JobScheduler(lifecycle).register(requestRisk, requestRiskHolder).register(requestOutliers, requestOutliersHolder)
    .register(demandForecast, demandForecastHolder)
    .registerFullRetrain(config.fullRetrainCron);
  scheduler.start();
  const cleanupTimer = scheduleCron(config.cleanupCron, async () => {
    for (const h of holders) {
      try {
        const deleted = await lifecycle.cleanup(h.modelName, { maxVersions: config.maxModelVersions, retentionDays: config.modelRetentionDays }, Date.now());
        if (deleted.length > 0) log.info({ model: h.modelName, deleted }, 'cleaned up old versions');
      } catch (err) {
        log.error({ model: h.modelName, err }, 'cleanup failed; trying again at the next scheduled time');
      }
    }
  });

  // Seed 002's auto-rollback, on a schedule: each model's promotion metric, as reported to
  // POST /models/:model/performance, against its holdout value.
  const autoRollbackTimer = scheduleCron(config.autoRollbackCron, async () => {
    for (const job of [requestRisk, requestOutliers]) {
      try {
        const verdict = await lifecycle.checkAutoRollback(job.model, {
          metric: job.promotion.metric,
          direction: job.promotion.direction,
          degradation: config.autoRollbackDegradation,
          minObservations: config.autoRollbackMinObservations,
        });
        if (verdict.rolledBack) log.warn({ model: job.model, reason: verdict.reason }, 'automatic rollback');
      } catch (err) {
        log.error({ model: job.model, err }, 'automatic rollback check failed; trying again at the next scheduled time');
      }
    }
  });

  const app = await NestFactory.create(TrainerModule.register({ config, scheduler, lifecycle, store, holders }), { logger: ['error', 'warn'] });
  app.useGlobalFilters(new HttpErrorsFilter([[UnknownJobError, 404], [UnknownVersionError, 404], [JobBusyError, 409]]));
  app.enableShutdownHooks();
  await app.listen(config.httpPort, '127.0.0.1');
  state = 'ok';
  log.info({ httpPort: config.httpPort, jobs: scheduler.list().map((j) => j.name) }, 'trainer running');

  // Runs in progress finish first.
  onShutdown(log, async () => {
    state = 'stopping';
    clearTimeout(cleanupTimer.current);
    clearTimeout(autoRollbackTimer.current);
    await scheduler.stop();
    await app.close();
    await subscriber.stop();
    await producer.disconnect();
    await clickhouse.close();
    await telemetry.close();
    await stopTracing();
  });
}

/** Runs `work` at each time of `cron` (UTC); `work` handles its own failures. */
function scheduleCron(cron: string, work: () => Promise<void>): { current: NodeJS.Timeout | undefined } {
  const handle: { current: NodeJS.Timeout | undefined } = { current: undefined };
  const arm = () => {
    const delay = Math.min(nextCronRun(cron, Date.now()) - Date.now(), 2 ** 31 - 1);
    handle.current = setTimeout(() => void work().finally(arm), Math.max(0, delay));
    handle.current.unref();
  };
  arm();
  return handle;
}

main().catch((err: unknown) => {
  console.error('pulse-trainer failed to start:', err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
