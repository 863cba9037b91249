import { randomUUID } from 'node:crypto';
import avro from 'avsc';
import type { Consumer, Kafka } from 'kafkajs';
import { topics, type ModelArtifact as ArtifactRecord } from '#contracts';
import type { AvroRegistryCodec } from '#kafka';
import { loggerFor } from '#telemetry';
import { ChunkAssembler } from './artifact-chunks';
import type { ModelArtifact } from './model-family';
import type { ModelHolder } from './model-holder';

/**
 * Keeps the holders of one process on the active versions published on `model-artifacts`. Every
 * process reads the whole compacted topic from the start with a group of its own (no shared
 * filesystem, no shared offsets), so a restarted replica converges on the same version as the rest.
 */
export class ModelSubscriber {
  private readonly log = loggerFor(ModelSubscriber.name);
  private readonly reader = avro.Type.forSchema(topics.modelArtifacts.schema as avro.Schema);
  private readonly assembler = new ChunkAssembler();
  private readonly holders = new Map<string, ModelHolder<unknown>>();
  /** Assembled versions per model, newest last; a few are kept so a rollback needs no re-read. */
  private readonly artifacts = new Map<string, Map<string, ModelArtifact>>();
  private readonly wanted = new Map<string, string>();
  private consumer: Consumer | undefined;
  private caughtUp: Promise<void> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly codec: AvroRegistryCodec,
    /** The topic name with its configured prefix. */
    private readonly topic: string,
    holders: ModelHolder<unknown>[],
    private readonly keepVersions = 5,
    private readonly catchUpTimeoutMs = 120_000,
  ) {
    for (const h of holders) this.holders.set(h.modelName, h);
  }

  /** Starts reading; resolves once everything published before the start has been read and applied. */
  async start(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(this.topic);
    await admin.disconnect();
    const remaining = new Map(ends.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]));
    let markCaughtUp!: () => void;
    this.caughtUp = new Promise((resolve) => (markCaughtUp = resolve));
    if (remaining.size === 0) markCaughtUp();

    const consumer = this.kafka.consumer({ groupId: `pulse-models-${randomUUID()}`, allowAutoTopicCreation: false });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          if (message.value) await this.apply(message.value);
          const next = BigInt(message.offset) + 1n;
          if ((remaining.get(batch.partition) ?? 0n) <= next) remaining.delete(batch.partition);
        }
        await this.swapToWanted();
        if (remaining.size === 0) markCaughtUp();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Could not read ${this.topic} up to its end within ${this.catchUpTimeoutMs} ms; partitions left: ${[...remaining.keys()].join(', ')}`)),
        this.catchUpTimeoutMs,
      );
    });
    try {
      await Promise.race([this.caughtUp, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async apply(value: Buffer): Promise<void> {
    let record: ArtifactRecord;
    try {
      await this.codec.prefetch([this.codec.schemaIdOf(value)]);
      record = this.codec.decode(value, this.reader) as ArtifactRecord;
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'unreadable model-artifacts record skipped');
      return;
    }
    if (!this.holders.has(record.model)) return;
    if (record.kind === 'activation') {
      this.wanted.set(record.model, record.version);
      this.log.info({ model: record.model, version: record.version, reason: record.reason }, 'activation received');
      return;
    }
    try {
      const artifact = this.assembler.add(record);
      if (artifact) this.keep(artifact);
    } catch (err) {
      this.log.error({ model: record.model, version: record.version, err: (err as Error).message }, 'artifact chunk rejected');
    }
  }

  private keep(artifact: ModelArtifact): void {
    const { model, version } = artifact.manifest;
    const versions = this.artifacts.get(model) ?? new Map<string, ModelArtifact>();
    versions.delete(version);
    versions.set(version, artifact);
    while (versions.size > this.keepVersions) {
      const oldest = [...versions.keys()].find((v) => v !== this.wanted.get(model) && v !== this.holders.get(model)?.current()?.manifest.version);
      if (!oldest) break;
      versions.delete(oldest);
    }
    this.artifacts.set(model, versions);
  }

  private async swapToWanted(): Promise<void> {
    for (const [model, version] of this.wanted) {
      const holder = this.holders.get(model)!;
      if (holder.current()?.manifest.version === version) continue;
      if (holder.status().lastFailure?.version === version) continue;
      const artifact = this.artifacts.get(model)?.get(version);
      if (!artifact) continue; // its chunks may still be on their way
      try {
        await holder.swap(artifact);
        this.log.info({ model, version }, 'now serving');
      } catch (err) {
        this.log.error({ model, version, err: (err as Error).message }, 'artifact rejected; the previous version keeps serving');
      }
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
