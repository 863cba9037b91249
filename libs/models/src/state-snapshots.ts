import { loggerFor } from '#telemetry';
import { saveModel } from './model-artifact';
import type { ModelFamily } from './model-family';
import type { ModelHolder } from './model-holder';
import type { ModelLifecycle } from './model-lifecycle';
import type { ModelManifest } from './model-manifest';
import type { ModelPublisher } from './model-publisher';
import type { ModelVersionStore } from './model-version.store';

/** What a snapshot's manifest says about the state. */
export interface SnapshotFacts {
  metrics: Record<string, number>;
  rowCount: number;
  trainingWindow: ModelManifest['trainingWindow'];
}

/**
 * The live state of an online learner as versions of a model: each save is published and
 * activated through the model lifecycle (every replica then serves it), the active version is
 * what a restart resumes from, and each snapshot's parent is the previous one, so the state's
 * history is in `model_versions`. Old snapshots beyond `keep` are cleaned up.
 */
export class StateSnapshots<S> {
  private readonly log = loggerFor(StateSnapshots.name);
  private saving: Promise<string> | undefined;

  constructor(
    private readonly family: ModelFamily<S>,
    private readonly holder: ModelHolder<S>,
    private readonly publisher: ModelPublisher,
    private readonly store: ModelVersionStore,
    private readonly lifecycle: ModelLifecycle,
    private readonly options: { codeVersion: string; keep: number; reason?: string },
  ) {}

  get modelName(): string {
    return this.holder.modelName;
  }

  /** The active snapshot, if any: what a restart resumes from. */
  restored(): { state: S; version: string } | undefined {
    const served = this.holder.current();
    return served ? { state: served.model, version: served.manifest.version } : undefined;
  }

  /** Saves `state` as the new active version; one save at a time. Returns the version. */
  async save(state: S, facts: SnapshotFacts, parentVersion: string | null, now = Date.now()): Promise<string> {
    while (this.saving) await this.saving.catch(() => undefined);
    this.saving = this.write(state, facts, parentVersion, now);
    try {
      return await this.saving;
    } finally {
      this.saving = undefined;
    }
  }

  private async write(state: S, facts: SnapshotFacts, parentVersion: string | null, now: number): Promise<string> {
    const started = performance.now();
    const artifact = saveModel(this.family, state, { model: this.modelName, createdAt: now, ...facts, parentVersion, codeVersion: this.options.codeVersion });
    const { manifest } = artifact;
    const reason = this.options.reason ?? 'snapshot of the live state';
    await this.publisher.publish(artifact);
    await this.store.record(manifest, 'promoted', reason);
    await this.publisher.activate(manifest, reason);
    await this.store.recordActivation({ model: this.modelName, version: manifest.version, previousVersion: parentVersion, reason });
    const deleted = await this.lifecycle.cleanup(this.modelName, { maxVersions: this.options.keep, retentionDays: 30 }, now);
    this.log.info(
      { model: this.modelName, version: manifest.version, payloadBytes: manifest.payloadBytes, ms: Math.round(performance.now() - started), deleted: deleted.length, ...facts.metrics },
      'state snapshot saved',
    );
    return manifest.version;
  }
}
