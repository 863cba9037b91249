import { describe, expect, it } from 'vitest';
import type { ModelArtifact as ArtifactRecord } from '#contracts';
import { ChunkAssembler, toChunkRecords } from './artifact-chunks';
import { loadModel, saveModel } from './model-artifact';
import { RejectedArtifactError } from './model-artifact.error';
import { ModelFamilies, type ModelArtifact, type ModelFamily } from './model-family';
import { ModelHolder } from './model-holder';

/** A tiny real family for the lifecycle: a threshold on one number, with an arbitrary-size blob. */
interface Threshold {
  threshold: number;
  blob: string;
}
const thresholdFamily: ModelFamily<Threshold> = {
  name: 'threshold',
  toState: (m) => m,
  fromState: (s) => s as Threshold,
  smokeTest: (m) => {
    if (!Number.isFinite(m.threshold)) throw new Error('threshold is not finite');
  },
};
const families = new ModelFamilies([thresholdFamily as ModelFamily<unknown>]);

function artifact(threshold: number, createdAt = Date.UTC(2026, 10, 22, 12), blobBytes = 10): ModelArtifact {
  // Incompressible text so chunking is exercised at realistic sizes.
  let s = threshold * 7919 + 1;
  const blob = Array.from({ length: blobBytes }, () => String.fromCharCode(33 + ((s = (Math.imul(s, 48271) + 11) >>> 0) % 90))).join('');
  return saveModel(thresholdFamily, { threshold, blob }, {
    model: 'demo',
    createdAt,
    trainingWindow: { start: 0, end: 1 },
    rowCount: 100,
    metrics: { auc: 0.9 },
    parentVersion: null,
    codeVersion: 'test',
  });
}

async function rejection(run: () => unknown): Promise<RejectedArtifactError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof RejectedArtifactError) return err;
    throw err;
  }
  throw new Error('expected a RejectedArtifactError');
}

describe('model artifacts', () => {
  it('describe their payload exactly and load back to the same model', async () => {
    const a = artifact(0.7);
    expect(a.manifest).toMatchObject({ format: 'pulse-model/1', model: 'demo', family: 'threshold', payloadEncoding: 'json+gzip', payloadBytes: a.payload.length });
    expect(a.manifest.version).toMatch(/^v20261122120000-[0-9a-f]{8}$/);
    expect(await loadModel(families, a)).toEqual({ threshold: 0.7, blob: expect.any(String) });
  });

  it('are rejected when a byte changed, when truncated, when their family is unknown, or when the smoke test fails', async () => {
    const a = artifact(0.7);
    const flipped = Buffer.from(a.payload);
    flipped[10] = flipped[10]! ^ 0xff;
    expect((await rejection(() => loadModel(families, { ...a, payload: flipped }))).reason).toBe('checksum');
    expect((await rejection(() => loadModel(families, { ...a, payload: a.payload.subarray(0, a.payload.length - 3) }))).reason).toBe('truncated');
    expect((await rejection(() => loadModel(new ModelFamilies(), a))).reason).toBe('unknown-family');
    const nan = saveModel(thresholdFamily, { threshold: Number.NaN, blob: '' }, { ...a.manifest });
    expect((await rejection(() => loadModel(families, nan))).reason).toBe('smoke-test');
  });
});

describe('chunked distribution', () => {
  it('reassembles a multi-megabyte artifact from shuffled, repeated chunks', () => {
    const a = artifact(0.3, undefined, 3_000_000);
    const records = toChunkRecords(a, 256 * 1024);
    expect(records.length).toBeGreaterThan(5);
    const delivered: ArtifactRecord[] = [...records].reverse().concat(records.slice(0, 3));
    const assembler = new ChunkAssembler();
    const done = delivered.map((r) => assembler.add(r)).filter((x) => x !== undefined);
    expect(done).toHaveLength(1);
    expect(assembler.inProgress).toEqual([]);
    expect(done[0]!.manifest).toEqual(a.manifest);
    expect(done[0]!.payload.equals(a.payload)).toBe(true);
  });

  it('never completes a version with a chunk missing, and rejects chunks that disagree', async () => {
    const records = toChunkRecords(artifact(0.3, undefined, 600_000), 100_000);
    const assembler = new ChunkAssembler();
    expect(records.slice(1).map((r) => assembler.add(r)).every((x) => x === undefined)).toBe(true);
    expect(assembler.inProgress).toEqual([{ model: 'demo', version: records[0]!.version, received: records.length - 1, expected: records.length }]);
    expect((await rejection(() => assembler.add({ ...records[0]!, checksum: '0'.repeat(64) }))).reason).toBe('inconsistent');
  });
});

describe('ModelHolder', () => {
  it('swaps to a new version and keeps serving the old one when the next artifact is bad', async () => {
    const holder = new ModelHolder<Threshold>('demo', families, () => 42);
    expect(holder.current()).toBeUndefined();
    const first = artifact(0.5);
    await holder.swap(first);
    expect(holder.require().model.threshold).toBe(0.5);

    const bad = artifact(0.9, Date.UTC(2026, 10, 23));
    const corrupted = { ...bad, payload: Buffer.concat([bad.payload.subarray(0, 20), Buffer.alloc(bad.payload.length - 20)]) };
    await expect(holder.swap(corrupted)).rejects.toBeInstanceOf(RejectedArtifactError);
    expect(holder.require().manifest.version).toBe(first.manifest.version);
    expect(holder.status()).toMatchObject({ version: first.manifest.version, since: 42, pending: null, lastFailure: { version: bad.manifest.version, reason: 'checksum' } });
  });

  it('gives callers whole versions only: a version taken before a swap is unchanged by it', async () => {
    const holder = new ModelHolder<Threshold>('demo', families);
    await holder.swap(artifact(0.1));
    const inHand = holder.require();
    const next = artifact(0.2, Date.UTC(2026, 10, 23));
    const swapping = holder.swap(next);
    expect(inHand.model.threshold).toBe(0.1);
    await swapping;
    expect(inHand.model.threshold).toBe(0.1);
    expect(holder.require().model.threshold).toBe(0.2);
    expect(holder.require().manifest.version).toBe(next.manifest.version);
  });

  it('refuses an artifact of another model', async () => {
    const holder = new ModelHolder<Threshold>('other', families);
    await expect(holder.swap(artifact(0.1))).rejects.toThrow(/holder serves "other"/);
  });
});
