import type { RequestLog } from '#contracts';
import { outlierVerdict } from '../requests/outlier-verdict';
import type { RouteOutlierModel } from '../requests/route-outlier.model';
import { RequestWindowAggregator, defaultRequestWindowOptions, type RequestWindowOptions, type WindowAggregate } from '../windows/request-window.aggregator';
import { IncidentTracker, defaultIncidentTrackerOptions, type IncidentTrackerOptions, type IncidentTrackerState, type IncidentUpdate } from './incident-tracker';
import { SubjectMonitor, defaultSubjectMonitorOptions, type SubjectMonitorOptions, type SubjectMonitorState } from './subject-monitor';

export interface AnomalyPipelineOptions {
  windows: RequestWindowOptions;
  /**
   * After a start, windows are scored only from the first one that begins this long after the
   * first event: partitions resume at different event times (within the partition skew), and any
   * window some of whose events were consumed before the restart is partial.
   */
  resumeMarginMs: number;
  monitor: SubjectMonitorOptions;
  incidents: IncidentTrackerOptions;
}

export const defaultAnomalyPipelineOptions: AnomalyPipelineOptions = {
  windows: defaultRequestWindowOptions,
  resumeMarginMs: 60_000,
  monitor: defaultSubjectMonitorOptions,
  incidents: defaultIncidentTrackerOptions,
};

/** What a restart needs to resume warm: learned baselines and open incidents (open windows are rebuilt from new events). */
export interface AnomalyPipelineState {
  monitor: SubjectMonitorState;
  incidents: IncidentTrackerState;
  /** Event time up to which this state has seen every window. */
  watermark: number;
  /**
   * Newest event time the state has taken in (optional in older checkpoints). After a restart,
   * windows up to the one holding it are not scored: they were partly consumed before, and events
   * re-read from an older committed offset would only score them again, partially.
   */
  newestEvent?: number;
}

export interface AnomalyPipelineStats {
  windowsScored: number;
  partialWindowsSkipped: number;
  outlierRequests: number;
  openIncidents: number;
  trackedSubjects: number;
  openWindows: number;
  lateEvents: number;
  /** Event time up to which every window has been scored. */
  watermark: number;
}

/**
 * Request logs in, incident updates out; no I/O. Each request is scored on its own against its
 * route's forest (when a model is loaded), then counted into windows; closed windows are scored by
 * the seasonal monitor and turned into incidents. Partial windows are neither scored nor learned:
 * the first window this process sees (the rest of it was consumed before a restart, so a restart
 * does not look like a traffic drop) and windows closed early to bound memory.
 */
export class AnomalyPipeline {
  private readonly aggregator: RequestWindowAggregator;
  private readonly monitor: SubjectMonitor;
  private readonly tracker: IncidentTracker;
  private outliers: RouteOutlierModel | null = null;
  private scoreFrom = Number.NaN;
  private watermark: number;
  private readonly resumedAfter: number;
  private readonly stats = { windowsScored: 0, partialWindowsSkipped: 0, outlierRequests: 0 };

  constructor(
    private readonly options: AnomalyPipelineOptions = defaultAnomalyPipelineOptions,
    state?: AnomalyPipelineState,
  ) {
    this.aggregator = new RequestWindowAggregator(options.windows);
    this.monitor = new SubjectMonitor(options.monitor, state?.monitor);
    this.tracker = new IncidentTracker(options.incidents, state?.incidents);
    this.watermark = state?.watermark ?? 0;
    this.resumedAfter = state?.newestEvent ?? state?.watermark ?? 0;
  }

  /** Swaps the per-request model (null turns per-request scoring off); windows in flight keep their counts. */
  useOutlierModel(model: RouteOutlierModel | null): void {
    this.outliers = model;
  }

  /** Scores one request read from `source` (its Kafka partition) at processing time `now`. */
  process(event: RequestLog, source = '', now = 0): IncidentUpdate[] {
    const windowMs = this.options.windows.windowMs;
    if (Number.isNaN(this.scoreFrom)) {
      const from = Math.max(event.event_time + this.options.resumeMarginMs, this.resumedAfter);
      this.scoreFrom = from - (from % windowMs) + windowMs;
    }
    const outlier = this.outliers?.outlier(event) ?? null;
    if (outlier) this.stats.outlierRequests++;
    const closed = this.aggregator.add(event, outlier, source, now);
    return closed.length === 0 ? [] : this.score(closed);
  }

  /** Declares the sources (partitions) that will deliver, so none closes windows for the others; see RequestWindowAggregator. */
  expectSources(sources: readonly string[], now: number): void {
    this.aggregator.expectSources(sources, now);
  }

  /** Lets idle sources stop holding the watermark back at processing time `now`. */
  advance(now: number): IncidentUpdate[] {
    const closed = this.aggregator.advance(now);
    return closed.length === 0 ? [] : this.score(closed);
  }

  /** Closes and scores every open window: end of input. A service shutting down does not call it (its windows are partial). */
  flush(): IncidentUpdate[] {
    return this.score(this.aggregator.flush());
  }

  toState(): AnomalyPipelineState {
    return {
      monitor: this.monitor.toState(),
      incidents: this.tracker.toState(),
      watermark: this.watermark,
      newestEvent: Math.max(this.aggregator.newestEventTime, this.resumedAfter),
    };
  }

  statistics(): AnomalyPipelineStats {
    return {
      ...this.stats,
      openIncidents: this.tracker.openIncidents,
      trackedSubjects: this.monitor.trackedSubjects,
      openWindows: this.aggregator.openSubjects,
      lateEvents: this.aggregator.lateEvents,
      watermark: this.watermark,
    };
  }

  private score(closed: WindowAggregate[]): IncidentUpdate[] {
    const complete = closed.filter((w) => w.windowStart >= this.scoreFrom && !w.evicted);
    this.stats.partialWindowsSkipped += closed.length - complete.length;
    this.stats.windowsScored += complete.length;
    const updates: IncidentUpdate[] = [];
    for (const verdict of this.monitor.observe(complete)) updates.push(...this.tracker.observe(verdict));
    if (this.outliers) {
      const share = this.outliers.outlierShare;
      for (const w of complete) if (w.subjectKind === 'route') updates.push(...this.tracker.observe(outlierVerdict(w, share)));
    }
    for (const w of complete) this.watermark = Math.max(this.watermark, w.windowEnd);
    updates.push(...this.tracker.closeSilent(this.watermark));
    return updates;
  }
}
