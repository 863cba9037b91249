import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { topics, type Feedback, type Product, type RequestLog, type Sale } from '#contracts';
import { StreamHandler, type StreamBatch } from '#kafka';
import { feedbackRow, productRow, requestLogRow, saleRow } from './ingest-rows';
import { INGEST_TABLES, type IngestTables } from './ingest-tables';

/** Appends every valid event of the four input topics to its ClickHouse table. */
@Controller()
export class IngestController {
  constructor(@Inject(INGEST_TABLES) private readonly tables: IngestTables) {}

  @StreamHandler(topics.sales)
  async sales(@Payload() batch: StreamBatch<Sale>): Promise<void> {
    await this.tables.sales.append(batch.events.map((e) => saleRow(e.value)));
  }

  @StreamHandler(topics.products)
  async products(@Payload() batch: StreamBatch<Product>): Promise<void> {
    await this.tables.products.append(batch.events.map((e) => productRow(e.value)));
  }

  @StreamHandler(topics.requestLog)
  async requestLog(@Payload() batch: StreamBatch<RequestLog>): Promise<void> {
    await this.tables.requestLog.append(batch.events.map((e) => requestLogRow(e.value)));
  }

  @StreamHandler(topics.feedback)
  async feedback(@Payload() batch: StreamBatch<Feedback>): Promise<void> {
    await this.tables.feedback.append(batch.events.map((e) => feedbackRow(e.value)));
  }
}
