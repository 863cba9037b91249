// Generated from schemas/*.avsc by `npm run codegen`. Do not edit.
/* eslint-disable */

export type AnomalyStatus = 'open' | 'updated' | 'closed';
export const AnomalyStatusValues = ['open', 'updated', 'closed'] as const;

export type Severity = 'info' | 'warning' | 'critical';
export const SeverityValues = ['info', 'warning', 'critical'] as const;

export interface FeatureContribution {
  name: string;
  value: number;
  expected: number;
  contribution: number;
}

/** A detected anomaly; one incident is opened, updated and closed under one anomaly_id. Key: subject. */
export interface Anomaly {
  /** Deterministic id of this update (anomaly_id + revision). */
  event_id: string;
  /** Deterministic id of the incident. */
  anomaly_id: string;
  revision: number;
  status: AnomalyStatus;
  /** service, route, client or request. */
  subject_kind: string;
  subject: string;
  window_start: number;
  window_end: number;
  detected_at: number;
  /** 0-1 anomaly likelihood. */
  score: number;
  severity: Severity;
  explanation: string;
  features: Array<FeatureContribution>;
  detector: string;
  model_version: string;
}
