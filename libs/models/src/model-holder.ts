import { loadModel } from './model-artifact';
import { RejectedArtifactError } from './model-artifact.error';
import type { ModelArtifact, ModelFamilies } from './model-family';
import type { ModelManifest } from './model-manifest';

/** The version being served. Take it once per request: a swap never changes a version in hand. */
export interface ServedModel<M> {
  readonly model: M;
  readonly manifest: ModelManifest;
  readonly loadedAt: number;
}

export interface HolderStatus {
  model: string;
  version: string | null;
  since: number | null;
  /** A version being loaded right now. */
  pending: string | null;
  lastFailure: { version: string; reason: string; message: string; at: number } | null;
}

/**
 * Serves the active version of one model and swaps in new ones atomically: load fully, verify the
 * checksum, decode, smoke-test, then replace one reference. A bad artifact is rejected and the old
 * version keeps serving. Swaps run one at a time, in arrival order.
 */
export class ModelHolder<M> {
  private served: ServedModel<M> | undefined;
  private pending: string | null = null;
  private lastFailure: HolderStatus['lastFailure'] = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly modelName: string,
    private readonly families: ModelFamilies,
    private readonly now: () => number = Date.now,
  ) {}

  /** The version in service, or undefined before the first successful swap. */
  current(): ServedModel<M> | undefined {
    return this.served;
  }

  /** Like current(), for callers that cannot serve without a model. */
  require(): ServedModel<M> {
    if (!this.served) throw new Error(`No version of model "${this.modelName}" is loaded yet`);
    return this.served;
  }

  /** Loads `artifact` and serves it; resolves with the served version, or rejects and keeps the old one. */
  swap(artifact: ModelArtifact): Promise<ServedModel<M>> {
    const run = this.queue.then(() => this.load(artifact));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async load(artifact: ModelArtifact): Promise<ServedModel<M>> {
    const { manifest } = artifact;
    if (manifest.model !== this.modelName) {
      throw new RejectedArtifactError(manifest.model, manifest.version, 'inconsistent', `holder serves "${this.modelName}"`);
    }
    if (this.served?.manifest.version === manifest.version) return this.served;
    this.pending = manifest.version;
    try {
      const model = (await loadModel(this.families, artifact)) as M;
      this.served = { model, manifest, loadedAt: this.now() };
      return this.served;
    } catch (err) {
      const reason = err instanceof RejectedArtifactError ? err.reason : 'undecodable';
      this.lastFailure = { version: manifest.version, reason, message: (err as Error).message, at: this.now() };
      throw err;
    } finally {
      this.pending = null;
    }
  }

  status(): HolderStatus {
    return {
      model: this.modelName,
      version: this.served?.manifest.version ?? null,
      since: this.served?.loadedAt ?? null,
      pending: this.pending,
      lastFailure: this.lastFailure,
    };
  }
}
