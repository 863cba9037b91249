import { Module, type DynamicModule } from '@nestjs/common';
import type { ClickHouseAdapter } from '#clickhouse';
import { IngestController } from './ingest.controller';
import { INGEST_CONFIG, type IngestConfig } from './ingest.config';
import { INGEST_TABLES, createIngestTables } from './ingest-tables';

@Module({})
export class IngestModule {
  static register(config: IngestConfig, clickhouse: ClickHouseAdapter, onSinkRetry: (err: unknown, attempt: number, delayMs: number) => void | Promise<void>): DynamicModule {
    return {
      module: IngestModule,
      controllers: [IngestController],
      providers: [
        { provide: INGEST_CONFIG, useValue: config },
        { provide: INGEST_TABLES, useValue: createIngestTables(clickhouse, config, onSinkRetry) },
      ],
    };
  }
}
