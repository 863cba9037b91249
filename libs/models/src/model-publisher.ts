import type { ModelArtifact as ArtifactRecord } from '#contracts';
import { artifactChunkKey, topics } from '#contracts';
import type { StreamProducer } from '#kafka';
import { DEFAULT_CHUNK_BYTES, activationRecord, toChunkRecords } from './artifact-chunks';
import type { ModelArtifact } from './model-family';
import type { ModelManifest } from './model-manifest';

/**
 * Publishes artifacts and activations to the compacted `model-artifacts` topic. Publishing a
 * version makes it available; activating it makes every replica serve it.
 */
export class ModelPublisher {
  constructor(
    private readonly producer: StreamProducer,
    /** The topic name with its configured prefix. */
    private readonly topic: string,
    private readonly chunkBytes = DEFAULT_CHUNK_BYTES,
  ) {}

  async publish(artifact: ModelArtifact): Promise<void> {
    await this.send(toChunkRecords(artifact, this.chunkBytes));
  }

  async activate(manifest: ModelManifest, reason: string): Promise<void> {
    await this.send([activationRecord(manifest, reason)]);
  }

  /**
   * Deletes a version's chunks from the compacted topic (tombstones on their keys). Assumes the
   * version was published with this publisher's chunk size.
   */
  async retract(manifest: ModelManifest): Promise<void> {
    const chunks = Math.max(1, Math.ceil(manifest.payloadBytes / this.chunkBytes));
    await this.producer.sendRaw(
      this.topic,
      Array.from({ length: chunks }, (_, i) => ({ key: artifactChunkKey(manifest.model, manifest.version, i), value: null })),
    );
  }

  private async send(records: ArtifactRecord[]): Promise<void> {
    // One chunk per request keeps every request far below the broker's message size limit.
    for (const record of records) await this.producer.send(this.topic, [{ key: topics.modelArtifacts.keyOf(record), value: record }]);
  }
}
