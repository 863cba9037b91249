import { anomalyStateFamily, type AnomalyPipeline } from '#anomaly';
import { saveModel, type ModelHolder, type ModelLifecycle, type ModelPublisher, type ModelVersionStore } from '#models';
import { loggerFor } from '#telemetry';
import type { AnomalyPipelineState } from '#anomaly';

export const BASELINES_MODEL = 'anomaly-baselines';

/**
 * The learned state as versions of the `anomaly-baselines` model: published and activated through
 * the model lifecycle on a schedule and at shutdown, loaded from the active version at start. Each
 * checkpoint's parent is the previous one, so the history of the state is in `model_versions`.
 */
export class StateCheckpoints {
  private readonly log = loggerFor(StateCheckpoints.name);
  private saving: Promise<string> | undefined;

  constructor(
    private readonly holder: ModelHolder<AnomalyPipelineState>,
    private readonly publisher: ModelPublisher,
    private readonly store: ModelVersionStore,
    private readonly lifecycle: ModelLifecycle,
    private readonly options: { codeVersion: string; keep: number },
  ) {}

  /** The active checkpoint, if any: what a restart resumes from. */
  restored(): { state: AnomalyPipelineState; version: string } | undefined {
    const served = this.holder.current();
    return served ? { state: served.model, version: served.manifest.version } : undefined;
  }

  /** Saves the pipeline's state as a new active version; one save at a time. Returns the version. */
  async save(pipeline: AnomalyPipeline, parentVersion: string | null, now = Date.now()): Promise<string> {
    while (this.saving) await this.saving.catch(() => undefined);
    this.saving = this.write(pipeline, parentVersion, now);
    try {
      return await this.saving;
    } finally {
      this.saving = undefined;
    }
  }

  private async write(pipeline: AnomalyPipeline, parentVersion: string | null, now: number): Promise<string> {
    const started = performance.now();
    const state = pipeline.toState();
    const stats = pipeline.statistics();
    const artifact = saveModel(anomalyStateFamily, state, {
      model: BASELINES_MODEL,
      createdAt: now,
      trainingWindow: state.watermark > 0 ? { start: 0, end: state.watermark } : null,
      rowCount: stats.windowsScored,
      metrics: { windowsScored: stats.windowsScored, trackedSubjects: stats.trackedSubjects, openIncidents: stats.openIncidents },
      parentVersion,
      codeVersion: this.options.codeVersion,
    });
    const { manifest } = artifact;
    const reason = 'checkpoint of the live state';
    await this.publisher.publish(artifact);
    await this.store.record(manifest, 'promoted', reason);
    await this.publisher.activate(manifest, reason);
    await this.store.recordActivation({ model: BASELINES_MODEL, version: manifest.version, previousVersion: parentVersion, reason });
    const deleted = await this.lifecycle.cleanup(BASELINES_MODEL, { maxVersions: this.options.keep, retentionDays: 30 }, now);
    this.log.info(
      { version: manifest.version, payloadBytes: manifest.payloadBytes, ms: Math.round(performance.now() - started), deleted: deleted.length, ...stats },
      'state checkpoint saved',
    );
    return manifest.version;
  }
}
