import type { ClickHouseAdapter } from '#clickhouse';
import { createTraffic } from '#generator';
import type { RequestLog } from '#contracts';
import { requestLogRow } from '../../services/ingest/src/ingest-rows';

/** Two hours of request logs with an error burst and a latency spike: data a risk model can learn from. */
export async function seedRequestLogs(clickhouse: ClickHouseAdapter, seed = 11): Promise<number> {
  const traffic = createTraffic({
    seed,
    start: Date.UTC(2026, 10, 20, 18),
    end: Date.UTC(2026, 10, 20, 20),
    requestsPerSecond: 8,
    salesLinesPerSecond: 0,
    feedbackPerSecond: 0,
    incidents: ['error-burst', 'latency-spike'],
  });
  const rows = [...traffic.batches()].flatMap((b) => b.events.filter((e) => e.topic === 'request-log').map((e) => requestLogRow(e.value as RequestLog)));
  await clickhouse.insert('request_log', rows);
  return rows.length;
}
