import { promisify } from 'node:util';
import { gunzip, gzipSync } from 'node:zlib';
import type { ModelManifest } from './model-manifest';
import { RejectedArtifactError } from './model-artifact.error';

/**
 * How one kind of model is saved and loaded. Families are pure: no I/O, and a decoded model must
 * predict exactly as the encoded one did.
 */
export interface ModelFamily<M> {
  readonly name: string;
  /** The model's state as JSON-serialisable data. */
  toState(model: M): unknown;
  fromState(state: unknown): M;
  /** Runs once before `fromState` when decoding needs asynchronous set-up (a compute backend...). */
  prepare?(): Promise<void>;
  /** Throws when a freshly loaded model cannot serve (wrong shape, NaN output...). */
  smokeTest(model: M): void;
}

/** A saved model: manifest plus payload bytes. */
export interface ModelArtifact {
  manifest: ModelManifest;
  payload: Buffer;
}

/** Payloads are gzip-compressed JSON of the family's state: portable, diffable after gunzip, small. */
export const PAYLOAD_ENCODING = 'json+gzip';

export function encodeState<M>(family: ModelFamily<M>, model: M): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(family.toState(model))));
}

const gunzipAsync = promisify(gunzip);
const GUNZIP_CHUNK_BYTES = 16 * 1024 * 1024;

/**
 * Decodes a payload. Decompression runs on libuv's thread pool, not on the serving thread: for a
 * large artifact it is the longest step, and predictions keep flowing meanwhile.
 */
export async function decodeState<M>(family: ModelFamily<M>, manifest: ModelManifest, payload: Buffer): Promise<M> {
  if (manifest.payloadEncoding !== PAYLOAD_ENCODING) {
    throw new RejectedArtifactError(manifest.model, manifest.version, 'undecodable', `unsupported payload encoding ${manifest.payloadEncoding}`);
  }
  try {
    // Large output chunks: each chunk is a round trip to the (busy) serving thread.
    const json = (await gunzipAsync(payload, { chunkSize: GUNZIP_CHUNK_BYTES })).toString('utf8');
    await family.prepare?.();
    return family.fromState(JSON.parse(json));
  } catch (err) {
    throw new RejectedArtifactError(manifest.model, manifest.version, 'undecodable', (err as Error).message, { cause: err });
  }
}

/** The families a process can load, by name; refuses two families with one name. */
export class ModelFamilies {
  private readonly byName = new Map<string, ModelFamily<unknown>>();

  constructor(families: ModelFamily<unknown>[] = []) {
    for (const f of families) this.register(f);
  }

  register(family: ModelFamily<unknown>): this {
    if (this.byName.has(family.name)) throw new Error(`Model family "${family.name}" is registered twice`);
    this.byName.set(family.name, family);
    return this;
  }

  get(manifest: ModelManifest): ModelFamily<unknown> {
    const family = this.byName.get(manifest.family);
    if (!family) {
      throw new RejectedArtifactError(manifest.model, manifest.version, 'unknown-family', `no family "${manifest.family}" (known: ${[...this.byName.keys()].join(', ') || 'none'})`);
    }
    return family;
  }
}
