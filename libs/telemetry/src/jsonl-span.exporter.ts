import { appendFileSync } from 'node:fs';
import { ExportResultCode, hrTimeToMilliseconds, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * Writes finished spans as JSON lines to a file: a dependency-free way to look at traces locally
 * and to assert on them in end-to-end tests.
 */
export class JsonLinesSpanExporter implements SpanExporter {
  constructor(private readonly file: string) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    try {
      const lines = spans.map((span) => {
        const context = span.spanContext();
        return JSON.stringify({
          name: span.name,
          traceId: context.traceId,
          spanId: context.spanId,
          parentSpanId: span.parentSpanContext?.spanId,
          startMs: hrTimeToMilliseconds(span.startTime),
          durationMs: hrTimeToMilliseconds(span.duration),
          attributes: span.attributes,
          links: span.links.map((l) => ({ traceId: l.context.traceId, spanId: l.context.spanId })),
        });
      });
      if (lines.length > 0) appendFileSync(this.file, `${lines.join('\n')}\n`);
      resultCallback({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }

  async shutdown(): Promise<void> {}
}
