import { int, loadServiceConfig, str, type ConfigOf, type PlatformConfig } from '#config';

export const ingestEnv = {
  groupId: str('INGEST_GROUP_ID', 'Consumer group of the ingest service', 'pulse-ingest'),
  flushRows: int('INGEST_FLUSH_ROWS', 'Insert into a table once this many rows are buffered', 50_000, { min: 1 }),
  flushBytes: int('INGEST_FLUSH_BYTES', 'Insert into a table once this many bytes are buffered', 16 * 1024 * 1024, { min: 1024 }),
  flushIntervalMs: int('INGEST_FLUSH_INTERVAL_MS', 'Insert buffered rows at least this often', 1000, { min: 10 }),
  maxBufferedRows: int('INGEST_MAX_BUFFERED_ROWS', 'Pause consumption when a table buffers this many rows', 200_000, { min: 1 }),
  partitionsConcurrently: int('INGEST_PARTITIONS_CONCURRENTLY', 'Partitions processed at once', 4, { min: 1 }),
  commitIntervalMs: int('INGEST_COMMIT_INTERVAL_MS', 'Flush every table and commit offsets at least this often', 1000, { min: 10 }),
};

export type IngestConfig = ConfigOf<typeof ingestEnv> & { platform: PlatformConfig };

export function loadIngestConfig(env: NodeJS.ProcessEnv = process.env): IngestConfig {
  return loadServiceConfig(ingestEnv, env);
}

export const INGEST_CONFIG = Symbol('IngestConfig');
