import './tracing';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ClickHouseAdapter, runMigrations } from '#clickhouse';
import { ConfigError } from '#config';
import { prefixed, topics } from '#contracts';
import { NoMatchingProductsError, demandForecastFamily, productEmbeddings, type DemandForecastModel } from '#forecast';
import { HttpErrorsFilter } from '#http';
import { AvroRegistryCodec, StreamProducer, createKafka, ensureTopics, registerSchemas } from '#kafka';
import { ModelFamilies, ModelHolder, ModelLifecycle, ModelPublisher, ModelSubscriber, ModelVersionStore, type ModelFamily } from '#models';
import { PipelineMetrics, TelemetryServer, configureLogging, onShutdown, stopTracing, type HealthReport } from '#telemetry';
import { DemandForecastJob, DemandHistory, demandForecastJobOptions } from '#training';
import { DemandForecasts, ModelNotReadyError } from './demand-forecasts';
import { loadForecastConfig } from './forecast.config';
import { ForecastModule } from './forecast.module';
import { ForecastPublisher } from './forecast-publisher';
import { RecentDemand } from './recent-demand';
import { RetrainBusyError, RetrainRuns, UnknownRunError } from './retrain-runs';
import { SalesUploads } from './sales-uploads';

async function main(): Promise<void> {
  const config = loadForecastConfig();
  const { platform } = config;
  const log = configureLogging({ service: 'pulse-forecast', level: platform.logLevel });
  let state: HealthReport['status'] = 'starting';

  const families = new ModelFamilies([demandForecastFamily] as ModelFamily<unknown>[]);
  const holder = new ModelHolder<DemandForecastModel>(demandForecastFamily.name, families);
  const metrics = new PipelineMetrics();
  const live: { recent?: RecentDemand; publisher?: ForecastPublisher } = {};
  const health = () => ({
    status: state,
    models: [holder.status()],
    latestDay: live.recent?.current()?.lastDay ?? null,
    forecastsPublished: live.publisher?.published ?? 0,
  });
  const telemetry = new TelemetryServer(metrics.registry, health);
  const metricsPort = await telemetry.listen(platform.metricsPort);
  log.info({ metricsPort }, 'telemetry listening');

  const clickhouse = new ClickHouseAdapter({ url: platform.clickhouseUrl, username: platform.clickhouseUser, password: platform.clickhousePassword, database: platform.clickhouseDatabase });
  await runMigrations(clickhouse, { logger: log });
  const kafka = createKafka(platform, 'forecast');
  const codec = new AvroRegistryCodec({ url: platform.schemaRegistryUrl, username: platform.schemaRegistryUsername, password: platform.schemaRegistryPassword });
  await ensureTopics(kafka, platform.topicPrefix, [topics.forecasts, topics.modelArtifacts]);
  await registerSchemas(codec, platform.topicPrefix, [topics.forecasts, topics.modelArtifacts]);
  const producer = new StreamProducer(kafka, codec, metrics);
  await producer.connect();

  const artifactsTopic = prefixed(platform.topicPrefix, topics.modelArtifacts.name);
  const subscriber = new ModelSubscriber(kafka, codec, artifactsTopic, [holder] as ModelHolder<unknown>[]);
  await subscriber.start();
  const lifecycle = new ModelLifecycle(new ModelVersionStore(clickhouse), new ModelPublisher(producer, artifactsTopic));

  const history = new DemandHistory(clickhouse, config.demandHistoryDays);
  const recent = new RecentDemand(history, Math.max(config.chartHistoryDays, 60));
  const publisher = new ForecastPublisher(producer, clickhouse, platform.topicPrefix, {
    days: config.publishDays,
    intervalLevel: config.intervalLevel,
    leadTimeDays: config.leadTimeDays,
    serviceLevel: config.serviceLevel,
    reviewPeriodDays: config.reviewPeriodDays,
  });
  Object.assign(live, { recent, publisher });
  const job = new DemandForecastJob(clickhouse, demandForecastJobOptions(config, config.codeVersion, await productEmbeddings({ textModelDir: config.demandTextModelDir, imageModelDir: config.demandImageModelDir })));
  const runs = new RetrainRuns(job, lifecycle, holder);
  const forecasts = new DemandForecasts(holder, recent, { intervalLevel: config.intervalLevel, reviewPeriodDays: config.reviewPeriodDays, chartHistoryDays: config.chartHistoryDays });

  // Inputs are kept current, and each new day's (or new model's) forecasts published, on a timer.
  let refreshing: Promise<void> = Promise.resolve();
  const refresh = async () => {
    const now = Date.now();
    const snapshot = await recent.refresh(now);
    const served = holder.current();
    if (!served) return;
    const sent = await publisher.publish(served, snapshot?.series, await history.inactiveProducts(), now);
    if (sent > 0) log.info({ forecasts: sent, version: served.manifest.version, originDay: snapshot?.lastDay ?? served.model.state.lastDay }, 'published daily forecasts');
  };
  const tick = () => {
    refreshing = refreshing.then(refresh).catch((err: unknown) => log.error({ err }, 'refreshing sales or publishing forecasts failed; the next refresh tries again'));
  };
  tick();
  const refreshTimer = setInterval(tick, config.refreshIntervalMs);
  // A newly served version publishes without waiting for the timer.
  let lastSeenVersion = holder.current()?.manifest.version;
  const swapWatch = setInterval(() => {
    const version = holder.current()?.manifest.version;
    if (version && version !== lastSeenVersion) {
      lastSeenVersion = version;
      tick();
    }
  }, 1_000);

  const app = await NestFactory.create(ForecastModule.register({ config, forecasts, runs, uploads: new SalesUploads(clickhouse), health }), { logger: ['error', 'warn'] });
  app.useGlobalFilters(
    new HttpErrorsFilter([
      [NoMatchingProductsError, 404],
      [UnknownRunError, 404],
      [RetrainBusyError, 409],
      [ModelNotReadyError, 503],
    ]),
  );
  await app.listen(config.httpPort, '127.0.0.1');
  state = 'ok';
  log.info({ httpPort: config.httpPort, model: holder.status().version }, 'forecast service running');

  onShutdown(log, async () => {
    state = 'stopping';
    clearInterval(refreshTimer);
    clearInterval(swapWatch);
    await app.close();
    await runs.idle();
    await refreshing;
    await subscriber.stop();
    await producer.disconnect();
    await clickhouse.close();
    await telemetry.close();
    await stopTracing();
  });
}

main().catch((err: unknown) => {
  console.error('pulse-forecast failed to start:', err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
