import { context, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectTraceHeaders, spanContextFromHeaders, startTracing, stopTracing, tracer } from './tracing';

describe('trace context in Kafka headers', () => {
  beforeAll(() => startTracing({ service: 'test', exporter: 'none' }));
  afterAll(() => stopTracing());

  it('carries the producing span to the consumer through a W3C traceparent header', () => {
    const span = tracer('test').startSpan('produce');
    const headers: Record<string, string | Buffer> = {};
    context.with(trace.setSpan(context.active(), span), () => injectTraceHeaders(headers));
    span.end();
    expect(String(headers['traceparent'])).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    // As kafkajs delivers them: Buffers.
    const received = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(String(v))]));
    const carried = spanContextFromHeaders(received);
    expect(carried?.traceId).toBe(span.spanContext().traceId);
    expect(carried?.spanId).toBe(span.spanContext().spanId);
  });

  it('finds no context in messages without trace headers', () => {
    expect(spanContextFromHeaders({})).toBeUndefined();
    expect(spanContextFromHeaders(undefined)).toBeUndefined();
  });
});
