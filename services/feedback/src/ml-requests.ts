import { randomUUID } from 'node:crypto';
import type { ClickHouseAdapter } from '#clickhouse';

/**
 * The trace of the ML API's decisions: one ClickHouse `ml_requests` row per call, with what was
 * decided in `summary` (JSON). Written before the answer is returned, so every answer is on record.
 */
export class MlRequests {
  constructor(private readonly clickhouse: ClickHouseAdapter) {}

  async record(endpoint: string, userId: string | null, modelVersion: string | null, summary: unknown, now = Date.now()): Promise<string> {
    const requestId = randomUUID();
    const row = { request_id: requestId, at_ms: now, endpoint, user_id: userId ?? '', model_version: modelVersion ?? '', summary: JSON.stringify(summary) };
    await this.clickhouse.insertJsonEachRow('ml_requests', JSON.stringify(row));
    return requestId;
  }
}
