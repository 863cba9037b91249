// Imported first by main.ts: tracing must be running before kafkajs is loaded.
import { loadConfig, platformEnv } from '#config';
import { startTracing } from '#telemetry';

const { exporter, file } = loadConfig({ exporter: platformEnv.otelTraceExporter, file: platformEnv.otelTraceFile });
startTracing({ service: 'pulse-ingest', exporter, file });
