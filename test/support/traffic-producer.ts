import { topics, type RequestLog } from '#contracts';
import type { Traffic } from '#generator';
import type { KafkaFixture } from './kafka-fixtures';

/** Produces the request logs of `traffic` (its batches between `from` and `to`) in chunks; returns how many. */
export async function produceRequestLogs(kafka: KafkaFixture, traffic: Traffic, from: number, to: number, chunk = 5000): Promise<number> {
  let pending: RequestLog[] = [];
  let produced = 0;
  for (const batch of traffic.batches()) {
    if (batch.to <= from) continue;
    if (batch.from >= to) break;
    for (const e of batch.events) if (e.topic === 'request-log' && e.value.event_time >= from && e.value.event_time < to) pending.push(e.value as RequestLog);
    if (pending.length >= chunk) {
      await kafka.produce(topics.requestLog, pending, chunk);
      produced += pending.length;
      pending = [];
    }
  }
  await kafka.produce(topics.requestLog, pending, chunk);
  return produced + pending.length;
}
