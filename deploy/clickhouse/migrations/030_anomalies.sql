-- Every update of every incident; the latest revision of an anomaly_id is its current state.
-- Deduplicated on event_id (anomaly_id + revision): a replayed update is stored once.
CREATE TABLE IF NOT EXISTS anomalies (
  event_id String,
  anomaly_id String,
  revision UInt32,
  status Enum8('open' = 1, 'updated' = 2, 'closed' = 3),
  subject_kind String,
  subject String,
  window_start_ms UInt64,
  window_end_ms UInt64,
  detected_at_ms UInt64,
  window_start DateTime MATERIALIZED toDateTime(intDiv(window_start_ms, 1000)),
  event_date Date MATERIALIZED toDate(toDateTime(intDiv(window_start_ms, 1000))),
  score Float64,
  severity Enum8('info' = 1, 'warning' = 2, 'critical' = 3),
  explanation String,
  feature_names Array(String),
  feature_values Array(Float64),
  feature_expected Array(Float64),
  feature_contributions Array(Float64),
  detector String,
  model_version String
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (event_date, subject_kind, subject, event_id);
