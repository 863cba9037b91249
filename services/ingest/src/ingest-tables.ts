import { BatchedAppender, SinkGroup, type ClickHouseAdapter } from '#clickhouse';
import type { FeedbackRow, ProductRow, RequestLogRow, SaleRow } from './ingest-rows';
import type { IngestConfig } from './ingest.config';

export const INGEST_TABLES = Symbol('IngestTables');

/** One batched appender per input table, and the group the stream server flushes before committing. */
export interface IngestTables {
  sales: BatchedAppender<SaleRow>;
  products: BatchedAppender<ProductRow>;
  requestLog: BatchedAppender<RequestLogRow>;
  feedback: BatchedAppender<FeedbackRow>;
  sinks: SinkGroup & { flush(): Promise<void> };
}

export function createIngestTables(
  clickhouse: ClickHouseAdapter,
  config: IngestConfig,
  onRetry: (err: unknown, attempt: number, delayMs: number) => void | Promise<void>,
): IngestTables {
  const appender = <Row>(table: string) =>
    new BatchedAppender<Row>({
      table,
      insert: (t, body) => clickhouse.insertJsonEachRow(t, body),
      maxRows: config.flushRows,
      maxBytes: config.flushBytes,
      maxDelayMs: config.flushIntervalMs,
      maxBufferedRows: config.maxBufferedRows,
      onRetry,
    });
  const tables = {
    sales: appender<SaleRow>('sales'),
    products: appender<ProductRow>('products'),
    requestLog: appender<RequestLogRow>('request_log'),
    feedback: appender<FeedbackRow>('feedback'),
  };
  const group = new SinkGroup(Object.values(tables));
  const sinks = Object.assign(group, { flush: () => group.flushAll() });
  return { ...tables, sinks };
}
