// Imported first by main.ts: tracing must be running before kafkajs is loaded.
import { startTracingFromEnv } from '#telemetry';

startTracingFromEnv('pulse-feedback');
