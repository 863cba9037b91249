import type { Anomaly } from '#contracts';
import { OUTLIER_DETECTOR, type IncidentUpdate } from '#anomaly';

/** The model version behind each detector's verdicts. */
export interface DetectorVersions {
  /** Version of the learned-state checkpoint the running baselines descend from ("cold" before the first). */
  baselines: string;
  /** Version of the per-route forests in use ("none" before the trainer has published one). */
  outliers: string;
}

export function anomalyRecord(u: IncidentUpdate, detectedAt: number, versions: DetectorVersions): Anomaly {
  return {
    event_id: u.eventId,
    anomaly_id: u.anomalyId,
    revision: u.revision,
    status: u.status,
    subject_kind: u.subjectKind,
    subject: u.subject,
    window_start: u.windowStart,
    window_end: u.windowEnd,
    detected_at: detectedAt,
    score: u.score,
    severity: u.severity,
    explanation: u.explanation,
    features: u.features.map((f) => ({ name: f.name, value: f.value, expected: f.expected, contribution: f.contribution })),
    detector: u.detector,
    model_version: u.detector === OUTLIER_DETECTOR ? versions.outliers : versions.baselines,
  };
}

export function anomalyRow(a: Anomaly) {
  return {
    event_id: a.event_id,
    anomaly_id: a.anomaly_id,
    revision: a.revision,
    status: a.status,
    subject_kind: a.subject_kind,
    subject: a.subject,
    window_start_ms: a.window_start,
    window_end_ms: a.window_end,
    detected_at_ms: a.detected_at,
    score: a.score,
    severity: a.severity,
    explanation: a.explanation,
    feature_names: a.features.map((f) => f.name),
    feature_values: a.features.map((f) => finite(f.value)),
    feature_expected: a.features.map((f) => finite(f.expected)),
    feature_contributions: a.features.map((f) => finite(f.contribution)),
    detector: a.detector,
    model_version: a.model_version,
  };
}

export type AnomalyRow = ReturnType<typeof anomalyRow>;

/** JSONEachRow has no NaN or infinity. */
function finite(v: number): number {
  return Number.isFinite(v) ? v : 0;
}
