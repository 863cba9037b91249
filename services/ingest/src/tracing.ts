// Imported first by main.ts: tracing must be running before kafkajs is loaded.
import { startTracing } from '#telemetry';

const exporter = process.env['OTEL_TRACES_EXPORTER'] === 'console' ? 'console' : 'none';
startTracing({ service: 'pulse-ingest', exporter });
