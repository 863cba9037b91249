import { context, propagation, trace, type Context, type Span, type SpanContext, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BatchSpanProcessor, ConsoleSpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { JsonLinesSpanExporter } from './jsonl-span.exporter';

let provider: NodeTracerProvider | undefined;

export type TraceExporterKind = 'none' | 'console' | 'jsonl';

/**
 * Starts tracing. Call before kafkajs is loaded (first import of a service's main.ts) so any
 * instrumentation sees the client. Exporters: none (context still propagates), console, or jsonl
 * (JSON lines appended to `file`).
 */
export function startTracing(options: { service: string; exporter: TraceExporterKind; file?: string | undefined }): void {
  if (provider) return;
  const spanProcessors: SpanProcessor[] = [];
  if (options.exporter === 'console') spanProcessors.push(new BatchSpanProcessor(new ConsoleSpanExporter()));
  if (options.exporter === 'jsonl') {
    if (!options.file) throw new Error('The jsonl trace exporter needs a file (OTEL_TRACES_FILE)');
    spanProcessors.push(new BatchSpanProcessor(new JsonLinesSpanExporter(options.file), { scheduledDelayMillis: 200 }));
  }
  provider = new NodeTracerProvider({ spanProcessors });
  provider.register({ propagator: new W3CTraceContextPropagator() });
}

export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
}

export function tracer(name: string): Tracer {
  return trace.getTracer(name);
}

type Headers = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

/** Writes the active trace context into Kafka message headers (W3C traceparent/tracestate). */
export function injectTraceHeaders(headers: Record<string, string | Buffer>, ctx: Context = context.active()): void {
  propagation.inject(ctx, headers, {
    set: (carrier, key, value) => {
      carrier[key] = value;
    },
  });
}

/** Reads a trace context carried in Kafka message headers. */
export function extractTraceContext(headers: Headers | undefined): Context {
  if (!headers) return context.active();
  return propagation.extract(context.active(), headers, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => {
      const value = carrier[key];
      const first = Array.isArray(value) ? value[0] : value;
      return first === undefined ? undefined : first.toString();
    },
  });
}

/** The producer's span context carried in Kafka headers, if any. */
export function spanContextFromHeaders(headers: Headers | undefined): SpanContext | undefined {
  const spanContext = trace.getSpanContext(extractTraceContext(headers));
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext : undefined;
}

export type { Span, Context, SpanContext };
