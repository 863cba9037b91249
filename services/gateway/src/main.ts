import './tracing';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError } from '#config';
import { prefixed, topics } from '#contracts';
import { HttpErrorsFilter } from '#http';
import { AvroRegistryCodec, createKafka, ensureTopics } from '#kafka';
import { logisticRegressionFamily, type LogisticRegression } from '#ml';
import { ModelFamilies, ModelHolder, ModelSubscriber, type ModelFamily } from '#models';
import { PipelineMetrics, TelemetryServer, configureLogging, onShutdown, stopTracing, type HealthReport } from '#telemetry';
import { loadGatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const { platform } = config;
  const log = configureLogging({ service: 'pulse-gateway', level: platform.logLevel });
  const metrics = new PipelineMetrics();

  const families = new ModelFamilies([logisticRegressionFamily as ModelFamily<unknown>]);
  const requestRisk = new ModelHolder<LogisticRegression>('request-risk', families);
  let state: HealthReport['status'] = 'starting';
  const telemetry = new TelemetryServer(metrics.registry, () => ({ status: state, models: [requestRisk.status()] }));
  await telemetry.listen(platform.metricsPort);

  const kafka = createKafka(platform, 'gateway');
  const codec = new AvroRegistryCodec({ url: platform.schemaRegistryUrl, username: platform.schemaRegistryUsername, password: platform.schemaRegistryPassword });
  await ensureTopics(kafka, platform.topicPrefix, [topics.modelArtifacts]);
  // Serves the active version before it takes traffic: start() returns once the topic is read.
  const subscriber = new ModelSubscriber(kafka, codec, prefixed(platform.topicPrefix, topics.modelArtifacts.name), [requestRisk as ModelHolder<unknown>]);
  await subscriber.start();

  const app = await NestFactory.create(GatewayModule.register(requestRisk), { logger: ['error', 'warn'] });
  app.useGlobalFilters(new HttpErrorsFilter());
  await app.listen(config.httpPort, '127.0.0.1');
  state = 'ok';
  log.info({ httpPort: config.httpPort, models: [requestRisk.status()] }, 'gateway running');

  onShutdown(log, async () => {
    state = 'stopping';
    await app.close();
    await subscriber.stop();
    await telemetry.close();
    await stopTracing();
  });
}

main().catch((err: unknown) => {
  console.error('pulse-gateway failed to start:', err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
