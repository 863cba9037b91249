export * from './graceful-shutdown';
export * from './logger';
export * from './metrics';
export * from './telemetry-server';
export * from './jsonl-span.exporter';
export * from './tracing';
export * from './tracing-from-env';
