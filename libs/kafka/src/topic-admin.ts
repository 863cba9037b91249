import type { Kafka } from 'kafkajs';
import { deadLetterTopicOf, prefixed, subjectOf, type TopicContract } from '#contracts';
import { loggerFor } from '#telemetry';
import type { AvroRegistryCodec } from './avro-registry.codec';

/**
 * Creates each contract's topic and its dead-letter topic if missing. Safe to run from every
 * process at start-up.
 */
export async function ensureTopics(kafka: Kafka, prefix: string, contracts: TopicContract<unknown>[], replicationFactor = 1): Promise<void> {
  const log = loggerFor('TopicAdmin');
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = contracts.flatMap((c) => {
      const name = prefixed(prefix, c.name);
      return [
        {
          topic: name,
          numPartitions: c.partitions,
          replicationFactor,
          configEntries: c.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
        },
        { topic: deadLetterTopicOf(name), numPartitions: 1, replicationFactor, configEntries: [] },
      ];
    });
    const missing = wanted.filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({ topics: missing, waitForLeaders: true });
    } catch (err) {
      // Another process may have created them between listTopics and createTopics.
      if (!/already exists/i.test((err as Error).message)) throw err;
    }
    log.info({ topics: missing.map((t) => t.topic) }, 'created topics');
  } finally {
    await admin.disconnect();
  }
}

/** Registers each contract's value schema under `<topic>-value` and readies the codec to encode it. */
export async function registerSchemas(codec: AvroRegistryCodec, prefix: string, contracts: TopicContract<unknown>[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const c of contracts) {
    const subject = subjectOf(prefixed(prefix, c.name));
    ids.set(subject, await codec.register(subject, c.schema));
  }
  return ids;
}
