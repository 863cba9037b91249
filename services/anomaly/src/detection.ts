import { AnomalyPipeline, defaultAnomalyPipelineOptions, type AnomalyPipelineOptions, type AnomalyPipelineState, type IncidentUpdate, type RouteOutlierModel } from '#anomaly';
import type { RequestLog } from '#contracts';
import type { ModelHolder } from '#models';
import type { AnomalyConfig } from './anomaly.config';
import type { DetectorVersions } from './anomaly-records';

export const DETECTION = Symbol('Detection');

export function pipelineOptions(config: AnomalyConfig): AnomalyPipelineOptions {
  const d = defaultAnomalyPipelineOptions;
  return {
    windows: { windowMs: config.windowMs, allowedLatenessMs: config.allowedLatenessMs, maxSubjects: config.maxOpenWindows, sourceIdleMs: config.sourceIdleMs },
    resumeMarginMs: config.maxPartitionSkewMs,
    monitor: { ...d.monitor, maxTrackedSubjects: config.maxTrackedSubjects },
    incidents: {
      ...d.incidents,
      openThreshold: config.openThreshold,
      continueThreshold: config.continueThreshold,
      closeAfterQuietWindows: config.closeAfterQuietWindows,
      heartbeatWindows: config.heartbeatWindows,
      windowMs: config.windowMs,
    },
  };
}

/**
 * The service's one pipeline and the versions behind it. The per-request model is picked up from
 * its holder whenever the trainer activates a new version (checked per batch: a reference compare).
 */
export class Detection {
  readonly pipeline: AnomalyPipeline;
  private outlierVersion = 'none';

  constructor(
    options: AnomalyPipelineOptions,
    restored: { state: AnomalyPipelineState; version: string } | undefined,
    private readonly outliers: ModelHolder<RouteOutlierModel>,
    public baselineVersion = restored?.version ?? 'cold',
  ) {
    this.pipeline = new AnomalyPipeline(options, restored?.state);
  }

  get versions(): DetectorVersions {
    return { baselines: this.baselineVersion, outliers: this.outlierVersion };
  }

  /** Scores requests, each with the partition it was read from, in the order given. */
  process(events: readonly { event: RequestLog; source: string }[], now: number): IncidentUpdate[] {
    this.useLatestOutlierModel();
    const updates: IncidentUpdate[] = [];
    for (const e of events) for (const u of this.pipeline.process(e.event, e.source, now)) updates.push(u);
    return updates;
  }

  private useLatestOutlierModel(): void {
    const served = this.outliers.current();
    const version = served?.manifest.version ?? 'none';
    if (version === this.outlierVersion) return;
    this.pipeline.useOutlierModel(served?.model ?? null);
    this.outlierVersion = version;
  }
}
