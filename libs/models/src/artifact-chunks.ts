import type { ModelArtifact as ArtifactRecord } from '#contracts';
import { RejectedArtifactError } from './model-artifact.error';
import type { ModelArtifact } from './model-family';
import { MANIFEST_FORMAT, type ModelManifest } from './model-manifest';

/** Kafka's default message limit is 1 MB; chunks stay well under it with headers and manifest. */
export const DEFAULT_CHUNK_BYTES = 512 * 1024;

/** Splits an artifact into `model-artifacts` records, each carrying the manifest and a slice of the payload. */
export function toChunkRecords({ manifest, payload }: ModelArtifact, chunkBytes = DEFAULT_CHUNK_BYTES): ArtifactRecord[] {
  const count = Math.max(1, Math.ceil(payload.length / chunkBytes));
  return Array.from({ length: count }, (_, index) => ({
    model: manifest.model,
    family: manifest.family,
    version: manifest.version,
    created_at: manifest.createdAt,
    training_window_start: manifest.trainingWindow?.start ?? null,
    training_window_end: manifest.trainingWindow?.end ?? null,
    row_count: manifest.rowCount,
    metrics: manifest.metrics,
    parent_version: manifest.parentVersion,
    code_version: manifest.codeVersion,
    checksum: manifest.checksum,
    payload_encoding: manifest.payloadEncoding,
    payload_bytes: manifest.payloadBytes,
    chunk_index: index,
    chunk_count: count,
    payload: payload.subarray(index * chunkBytes, (index + 1) * chunkBytes),
    kind: 'chunk' as const,
    reason: '',
  }));
}

/** The record that tells every replica to serve `manifest`'s version (compaction keeps the latest). */
export function activationRecord(manifest: ModelManifest, reason: string): ArtifactRecord {
  const [chunk] = toChunkRecords({ manifest, payload: Buffer.alloc(0) });
  return { ...chunk!, chunk_count: 0, payload: Buffer.alloc(0), kind: 'activation', reason };
}

function manifestOf(record: ArtifactRecord): ModelManifest {
  return {
    format: MANIFEST_FORMAT,
    model: record.model,
    family: record.family,
    version: record.version,
    createdAt: record.created_at,
    trainingWindow: record.training_window_start !== null && record.training_window_end !== null ? { start: record.training_window_start, end: record.training_window_end } : null,
    rowCount: record.row_count,
    metrics: record.metrics,
    parentVersion: record.parent_version,
    codeVersion: record.code_version,
    payloadEncoding: record.payload_encoding,
    payloadBytes: record.payload_bytes,
    checksum: record.checksum,
  };
}

interface Partial {
  first: ArtifactRecord;
  chunks: (Buffer | undefined)[];
  received: number;
}

/**
 * Collects chunk records (in any order, repeats allowed: the topic is read at least once) and
 * returns each artifact once all its chunks are in. Chunks that disagree on the manifest are
 * rejected; the checksum is checked by the loader.
 */
export class ChunkAssembler {
  private readonly partial = new Map<string, Partial>();
  /** Recently completed versions: their repeated chunks are ignored instead of starting over. */
  private readonly completed = new Set<string>();

  constructor(private readonly maxVersionsInProgress = 16) {}

  add(record: ArtifactRecord): ModelArtifact | undefined {
    if (record.kind !== 'chunk') throw new Error(`ChunkAssembler.add got a ${record.kind} record`);
    const key = `${record.model}\u0000${record.version}`;
    if (this.completed.has(key)) return undefined;
    let entry = this.partial.get(key);
    if (!entry) {
      if (this.partial.size >= this.maxVersionsInProgress) this.partial.delete(this.partial.keys().next().value!);
      entry = { first: record, chunks: new Array<Buffer | undefined>(record.chunk_count), received: 0 };
      this.partial.set(key, entry);
    }
    const { first } = entry;
    if (record.chunk_count !== first.chunk_count || record.checksum !== first.checksum || record.family !== first.family || record.payload_bytes !== first.payload_bytes) {
      this.partial.delete(key);
      throw new RejectedArtifactError(record.model, record.version, 'inconsistent', `chunk ${record.chunk_index} disagrees with chunk ${first.chunk_index} on count, checksum, family or size`);
    }
    if (record.chunk_index < 0 || record.chunk_index >= first.chunk_count) {
      throw new RejectedArtifactError(record.model, record.version, 'inconsistent', `chunk index ${record.chunk_index} outside 0..${first.chunk_count - 1}`);
    }
    if (!entry.chunks[record.chunk_index]) {
      entry.chunks[record.chunk_index] = Buffer.from(record.payload);
      entry.received++;
    }
    if (entry.received < first.chunk_count) return undefined;
    this.partial.delete(key);
    this.completed.add(key);
    if (this.completed.size > 4 * this.maxVersionsInProgress) this.completed.delete(this.completed.values().next().value!);
    return { manifest: manifestOf(first), payload: Buffer.concat(entry.chunks as Buffer[]) };
  }

  /** Versions still waiting for chunks, e.g. for /health. */
  get inProgress(): { model: string; version: string; received: number; expected: number }[] {
    return [...this.partial.values()].map((p) => ({ model: p.first.model, version: p.first.version, received: p.received, expected: p.first.chunk_count }));
  }
}
