import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { allTopics, deadLetterTopicOf, prefixed, type TopicContract } from '#contracts';
import { AvroRegistryCodec, StreamProducer, ensureTopics, registerSchemas } from '#kafka';
import { stackEnv } from './local-stack';
import { waitFor } from './wait-for';

/** Kafka client, registry codec and producer for one test namespace (topic prefix). */
export class KafkaFixture {
  readonly kafka: Kafka;
  readonly codec: AvroRegistryCodec;
  readonly producer: StreamProducer;

  constructor(readonly topicPrefix: string) {
    const env = stackEnv();
    this.kafka = new Kafka({ clientId: `test-${topicPrefix}`, brokers: env.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    this.codec = new AvroRegistryCodec({ url: env.schemaRegistryUrl });
    this.producer = new StreamProducer(this.kafka, this.codec);
  }

  async setUp(): Promise<this> {
    await ensureTopics(this.kafka, this.topicPrefix, allTopics);
    await registerSchemas(this.codec, this.topicPrefix, allTopics);
    await this.producer.connect();
    return this;
  }

  topic(contract: TopicContract<unknown>): string {
    return prefixed(this.topicPrefix, contract.name);
  }

  /** Produces typed values to the contract's topic, in chunks. */
  async produce<T>(contract: TopicContract<T>, values: T[], chunk = 5000): Promise<void> {
    for (let i = 0; i < values.length; i += chunk) {
      const slice = values.slice(i, i + chunk);
      await this.producer.send(this.topic(contract as TopicContract<unknown>), slice.map((value) => ({ key: contract.keyOf(value), value })));
    }
  }

  /** Produces raw bytes, bypassing the codec (for poison messages). */
  async produceRaw(contract: TopicContract<unknown>, key: string, value: Buffer): Promise<void> {
    await this.producer.sendRaw(this.topic(contract), [{ key, value }]);
  }

  /** Reads the dead-letter topic of `contract` until `count` messages have arrived. */
  async readDeadLetters(contract: TopicContract<unknown>, count: number, timeoutMs = 60_000): Promise<KafkaMessage[]> {
    const consumer = this.kafka.consumer({ groupId: `${this.topicPrefix}dlq-reader-${Date.now()}` });
    const seen: KafkaMessage[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: deadLetterTopicOf(this.topic(contract)), fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
    try {
      await waitFor(async () => seen.length, (n) => n >= count, { timeoutMs, what: `${count} dead letters` });
      return seen;
    } finally {
      await consumer.disconnect();
    }
  }

  async tearDown(): Promise<void> {
    await this.producer.disconnect();
  }
}
