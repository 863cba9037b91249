import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { injectTraceHeaders, loggerFor, type PipelineMetrics } from '#telemetry';
import type { AvroRegistryCodec } from './avro-registry.codec';

export interface OutgoingRecord<T> {
  key: string;
  value: T;
  headers?: Record<string, string | Buffer>;
}

/**
 * Idempotent producer that encodes typed values through the registry codec and carries the active
 * trace context in each message's headers.
 */
export class StreamProducer {
  private readonly producer: Producer;
  private readonly log = loggerFor(StreamProducer.name);

  constructor(
    kafka: Kafka,
    private readonly codec: AvroRegistryCodec,
    private readonly metrics?: PipelineMetrics,
  ) {
    // One request in flight keeps the idempotent producer's sequence numbers in order, and it
    // retries without limit: a send is never given up while the broker is away.
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 5000 },
    });
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  /** Encodes and sends `records` to `topic`; resolves when all are acknowledged by all in-sync replicas. */
  async send<T>(topic: string, records: OutgoingRecord<T>[]): Promise<void> {
    if (records.length === 0) return;
    const subject = `${topic}-value`;
    const messages: Message[] = records.map((r) => {
      const headers: Record<string, string | Buffer> = { ...r.headers };
      injectTraceHeaders(headers);
      return { key: r.key, value: this.codec.encode(subject, r.value), headers };
    });
    await this.sendRaw(topic, messages);
  }

  /** Sends already-encoded messages (dead letters keep their original bytes). */
  async sendRaw(topic: string, messages: Message[]): Promise<void> {
    await this.producer.send({ topic, messages, acks: -1 });
    this.metrics?.eventsProduced.inc({ topic }, messages.length);
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
    this.log.debug('producer disconnected');
  }
}
