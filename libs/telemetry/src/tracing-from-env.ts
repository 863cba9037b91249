import { loadConfig, platformEnv } from '#config';
import { startTracing } from './tracing';

/** Starts tracing as OTEL_TRACES_EXPORTER / OTEL_TRACES_FILE say; a service's first import calls this. */
export function startTracingFromEnv(service: string): void {
  const { exporter, file } = loadConfig({ exporter: platformEnv.otelTraceExporter, file: platformEnv.otelTraceFile });
  startTracing({ service, exporter, file });
}
