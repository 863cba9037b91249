import { anomalyStateFamily, type AnomalyPipeline, type AnomalyPipelineState } from '#anomaly';
import { StateSnapshots, type ModelHolder, type ModelLifecycle, type ModelPublisher, type ModelVersionStore } from '#models';

export const BASELINES_MODEL = 'anomaly-baselines';

/** The anomaly pipeline's learned state as versions of the `anomaly-baselines` model (see StateSnapshots). */
export class StateCheckpoints {
  private readonly snapshots: StateSnapshots<AnomalyPipelineState>;

  constructor(holder: ModelHolder<AnomalyPipelineState>, publisher: ModelPublisher, store: ModelVersionStore, lifecycle: ModelLifecycle, options: { codeVersion: string; keep: number }) {
    this.snapshots = new StateSnapshots(anomalyStateFamily, holder, publisher, store, lifecycle, { ...options, reason: 'checkpoint of the live state' });
  }

  /** The active checkpoint, if any: what a restart resumes from. */
  restored(): { state: AnomalyPipelineState; version: string } | undefined {
    return this.snapshots.restored();
  }

  /** Saves the pipeline's state as a new active version; one save at a time. Returns the version. */
  save(pipeline: AnomalyPipeline, parentVersion: string | null, now = Date.now()): Promise<string> {
    const state = pipeline.toState();
    const stats = pipeline.statistics();
    return this.snapshots.save(
      state,
      {
        trainingWindow: state.watermark > 0 ? { start: 0, end: state.watermark } : null,
        rowCount: stats.windowsScored,
        metrics: { windowsScored: stats.windowsScored, trackedSubjects: stats.trackedSubjects, openIncidents: stats.openIncidents },
      },
      parentVersion,
      now,
    );
  }
}
