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

export const AnomalyAvroSchema = {
  "type": "record",
  "name": "Anomaly",
  "namespace": "pulse.outputs",
  "doc": "A detected anomaly; one incident is opened, updated and closed under one anomaly_id. Key: subject.",
  "fields": [
    {
      "name": "event_id",
      "type": "string",
      "doc": "Deterministic id of this update (anomaly_id + revision)."
    },
    {
      "name": "anomaly_id",
      "type": "string",
      "doc": "Deterministic id of the incident."
    },
    {
      "name": "revision",
      "type": "int"
    },
    {
      "name": "status",
      "type": {
        "type": "enum",
        "name": "AnomalyStatus",
        "symbols": [
          "open",
          "updated",
          "closed"
        ]
      }
    },
    {
      "name": "subject_kind",
      "type": "string",
      "doc": "service, route, client or request."
    },
    {
      "name": "subject",
      "type": "string"
    },
    {
      "name": "window_start",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    },
    {
      "name": "window_end",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    },
    {
      "name": "detected_at",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    },
    {
      "name": "score",
      "type": "double",
      "doc": "0-1 anomaly likelihood."
    },
    {
      "name": "severity",
      "type": {
        "type": "enum",
        "name": "Severity",
        "symbols": [
          "info",
          "warning",
          "critical"
        ]
      }
    },
    {
      "name": "explanation",
      "type": "string"
    },
    {
      "name": "features",
      "type": {
        "type": "array",
        "items": {
          "type": "record",
          "name": "FeatureContribution",
          "fields": [
            {
              "name": "name",
              "type": "string"
            },
            {
              "name": "value",
              "type": "double"
            },
            {
              "name": "expected",
              "type": "double"
            },
            {
              "name": "contribution",
              "type": "double"
            }
          ]
        }
      },
      "default": []
    },
    {
      "name": "detector",
      "type": "string"
    },
    {
      "name": "model_version",
      "type": "string"
    }
  ]
};
