-- What the ML API was asked and answered, one row per call (prompt optimisations, validations,
-- diverse selections, user clusterings, reward snapshots on demand): a trace of the service's decisions.
CREATE TABLE IF NOT EXISTS ml_requests (
  request_id String,
  at_ms UInt64,
  at_date Date MATERIALIZED toDate(toDateTime(intDiv(at_ms, 1000))),
  endpoint String,
  user_id String,
  model_version String,
  summary String
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(at_date)
ORDER BY (at_date, endpoint, request_id);
