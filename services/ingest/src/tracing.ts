// Imported first by main.ts: tracing must be running before kafkajs is loaded.
import { loadConfig, platformEnv } from '#config';
import { startTracing } from '#telemetry';

const { exporter } = loadConfig({ exporter: platformEnv.otelTraceExporter });
startTracing({ service: 'pulse-ingest', exporter });
