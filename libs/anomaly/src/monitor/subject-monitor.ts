import { SeasonalBaselineDetector, defaultSeasonalDetectorOptions, type SeasonalDetectorOptions, type SeasonalDetectorState } from '../detectors/seasonal-baseline.detector';
import type { WindowAggregate } from '../windows/request-window.aggregator';
import type { FeatureContribution, Severity, WindowVerdict } from './incident-tracker';
import { BUSIEST_CLIENT_METRIC, WINDOW_METRICS, type WindowMetric } from './window-metrics';

export const SEASONAL_DETECTOR = 'seasonal-baseline';

export interface SubjectMonitorOptions {
  detector: SeasonalDetectorOptions;
  /** Routes and services with learned baselines; beyond it the least recently seen is forgotten. */
  maxTrackedSubjects: number;
  /** Surprise (standard deviations) from which an anomaly is critical rather than a warning. */
  criticalSurprise: number;
}

export const defaultSubjectMonitorOptions: SubjectMonitorOptions = { detector: defaultSeasonalDetectorOptions, maxTrackedSubjects: 10_000, criticalSurprise: 8 };

export interface SubjectMonitorState {
  subjects: [string, SeasonalDetectorState[]][];
  busiestClient: SeasonalDetectorState;
}

interface MetricScore {
  metric: WindowMetric;
  value: number;
  expected: number;
  surprise: number;
  likelihood: number;
}

const fromScale = (metric: WindowMetric, v: number) => (metric.logScale ? Math.expm1(v) : v);
const toScale = (metric: WindowMetric, v: number) => (metric.logScale ? Math.log1p(v) : v);

/**
 * Scores closed windows: each route and service metric against its own seasonal baseline, and
 * clients as a population — the busiest client of each window against the usual busiest client,
 * so a scraper that has never been seen before stands out at once with constant memory for any
 * number of clients. Memory is bounded by `maxTrackedSubjects` subjects of a few KB each.
 */
export class SubjectMonitor {
  private readonly subjects = new Map<string, SeasonalBaselineDetector[]>();
  private readonly busiestClient: SeasonalBaselineDetector;
  /** Subjects whose baselines were dropped to stay within `maxTrackedSubjects`. */
  forgottenSubjects = 0;

  constructor(
    private readonly options: SubjectMonitorOptions = defaultSubjectMonitorOptions,
    state?: SubjectMonitorState,
  ) {
    for (const [key, detectors] of state?.subjects ?? []) this.subjects.set(key, detectors.map((d) => new SeasonalBaselineDetector(options.detector, d)));
    this.busiestClient = new SeasonalBaselineDetector(options.detector, state?.busiestClient);
  }

  get trackedSubjects(): number {
    return this.subjects.size;
  }

  /** Scores windows closed together (one or more window starts); returns a verdict per scored subject window. */
  observe(windows: readonly WindowAggregate[]): WindowVerdict[] {
    const verdicts: WindowVerdict[] = [];
    const busiest = new Map<number, WindowAggregate>();
    for (const w of windows) {
      if (w.subjectKind === 'client') {
        const current = busiest.get(w.windowStart);
        if (!current || w.requests > current.requests || (w.requests === current.requests && w.subject < current.subject)) busiest.set(w.windowStart, w);
        continue;
      }
      const metrics = WINDOW_METRICS[w.subjectKind];
      const detectors = this.detectorsOf(`${w.subjectKind}\u0000${w.subject}`, metrics.length);
      const scores: MetricScore[] = [];
      metrics.forEach((metric, i) => {
        if (w.requests < metric.minRequests) return;
        scores.push(this.score(detectors[i]!, metric, w));
      });
      verdicts.push(this.verdict(w, scores));
    }
    for (const w of [...busiest.values()].sort((a, b) => a.windowStart - b.windowStart)) {
      verdicts.push(this.verdict(w, [this.score(this.busiestClient, BUSIEST_CLIENT_METRIC, w)]));
    }
    return verdicts;
  }

  toState(): SubjectMonitorState {
    return { subjects: [...this.subjects].map(([key, detectors]) => [key, detectors.map((d) => d.toState())]), busiestClient: this.busiestClient.toState() };
  }

  private detectorsOf(key: string, count: number): SeasonalBaselineDetector[] {
    let detectors = this.subjects.get(key);
    if (detectors) this.subjects.delete(key); // re-inserted below: Map order is recency order
    else detectors = Array.from({ length: count }, () => new SeasonalBaselineDetector(this.options.detector));
    this.subjects.set(key, detectors);
    if (this.subjects.size > this.options.maxTrackedSubjects) {
      this.subjects.delete(this.subjects.keys().next().value!);
      this.forgottenSubjects++;
    }
    return detectors;
  }

  private score(detector: SeasonalBaselineDetector, metric: WindowMetric, w: WindowAggregate): MetricScore {
    const value = metric.read(w);
    const s = detector.update(w.windowStart, toScale(metric, value), metric.noiseFloor?.(w) ?? 0);
    return { metric, value, expected: fromScale(metric, s.expected), surprise: s.surprise, likelihood: s.likelihood };
  }

  private verdict(w: WindowAggregate, scores: MetricScore[]): WindowVerdict {
    // Only movement in a metric's alerting direction counts: a faster route is not an incident.
    const alerting = (s: MetricScore) => s.metric.direction === 'both' || s.surprise > 0;
    const ranked = [...scores].sort((a, b) => Number(alerting(b)) - Number(alerting(a)) || Math.abs(b.surprise) - Math.abs(a.surprise));
    const lead = ranked[0];
    const score = lead && alerting(lead) ? Math.max(...ranked.filter(alerting).map((s) => s.likelihood)) : 0;
    const features: FeatureContribution[] = ranked.map((s) => ({ name: s.metric.name, value: s.value, expected: s.expected, contribution: s.surprise }));
    const severity: Severity = lead && Math.abs(lead.surprise) >= this.options.criticalSurprise ? 'critical' : 'warning';
    return {
      subjectKind: w.subjectKind,
      subject: w.subject,
      windowStart: w.windowStart,
      windowEnd: w.windowEnd,
      score,
      severity,
      detector: SEASONAL_DETECTOR,
      features,
      explanation: lead ? describe(w, lead) : `${w.subject}: no metric scored (${w.requests} requests)`,
    };
  }
}

function describe(w: WindowAggregate, lead: MetricScore): string {
  const who = w.subjectKind === 'client' ? `client ${w.subject} (the busiest)` : `${w.subjectKind} ${w.subject}`;
  const sign = lead.surprise >= 0 ? '+' : '';
  return `${who}: ${lead.metric.name} ${formatNumber(lead.value)} vs ${formatNumber(lead.expected)} expected (${sign}${lead.surprise.toFixed(1)}σ) over ${w.requests} requests`;
}

function formatNumber(v: number): string {
  if (Math.abs(v) >= 100) return Math.round(v).toString();
  if (Math.abs(v) >= 1) return v.toFixed(1);
  return v.toPrecision(2);
}
