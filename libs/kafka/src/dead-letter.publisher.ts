import type { IHeaders, KafkaMessage } from 'kafkajs';
import { deadLetterTopicOf } from '#contracts';
import { loggerFor, type PipelineMetrics } from '#telemetry';
import type { DeadLetterReason } from './kafka.error';
import type { StreamProducer } from './stream-producer';

export const DLQ_HEADERS = {
  reason: 'pulse-dlq-reason',
  error: 'pulse-dlq-error',
  topic: 'pulse-dlq-source-topic',
  partition: 'pulse-dlq-source-partition',
  offset: 'pulse-dlq-source-offset',
  failedAt: 'pulse-dlq-failed-at',
} as const;

export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  reason: DeadLetterReason;
  error: string;
}

function plainHeaders(headers: IHeaders | undefined): Record<string, string | Buffer> {
  const out: Record<string, string | Buffer> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first;
  }
  return out;
}

/**
 * Sends rejected messages, with their original key, bytes and headers, to `<topic>.dlq` and says
 * why in headers. Resolves only when the broker has them: they count as effects of the batch.
 */
export class DeadLetterPublisher {
  private readonly log = loggerFor(DeadLetterPublisher.name);

  constructor(
    private readonly producer: StreamProducer,
    private readonly metrics?: PipelineMetrics,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async publish(letters: DeadLetter[]): Promise<void> {
    const byTopic = new Map<string, DeadLetter[]>();
    for (const letter of letters) {
      const list = byTopic.get(letter.topic) ?? [];
      list.push(letter);
      byTopic.set(letter.topic, list);
    }
    for (const [topic, list] of byTopic) {
      await this.producer.sendRaw(
        deadLetterTopicOf(topic),
        list.map((l) => ({
          key: l.message.key,
          value: l.message.value,
          headers: {
            ...plainHeaders(l.message.headers),
            [DLQ_HEADERS.reason]: l.reason,
            [DLQ_HEADERS.error]: l.error.slice(0, 2000),
            [DLQ_HEADERS.topic]: topic,
            [DLQ_HEADERS.partition]: String(l.partition),
            [DLQ_HEADERS.offset]: l.message.offset,
            [DLQ_HEADERS.failedAt]: this.now().toISOString(),
          },
        })),
      );
      for (const l of list) {
        this.metrics?.deadLettered.inc({ topic, reason: l.reason });
        this.log.warn({ topic, partition: l.partition, offset: l.message.offset, reason: l.reason, error: l.error }, 'message sent to dead-letter topic');
      }
    }
  }
}
