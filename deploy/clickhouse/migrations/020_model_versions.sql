-- One row per model version and status change; FINAL (ReplacingMergeTree on updated_ms) gives
-- each version's current status. Activations and live metrics are append-only logs: every change
-- of what is served, and why, stays traceable.
CREATE TABLE IF NOT EXISTS model_versions (
  model String,
  version String,
  family String,
  created_ms UInt64,
  training_start_ms Nullable(UInt64),
  training_end_ms Nullable(UInt64),
  row_count UInt64,
  metric_names Array(String),
  metric_values Array(Float64),
  parent_version Nullable(String),
  code_version String,
  checksum String,
  payload_encoding String,
  payload_bytes UInt64,
  status String,
  status_reason String,
  updated_ms UInt64
) ENGINE = ReplacingMergeTree(updated_ms)
ORDER BY (model, version);

CREATE TABLE IF NOT EXISTS model_activations (
  model String,
  version String,
  previous_version Nullable(String),
  reason String,
  at_ms UInt64
) ENGINE = MergeTree()
ORDER BY (model, at_ms);

CREATE TABLE IF NOT EXISTS model_live_metrics (
  model String,
  version String,
  metric String,
  value Float64,
  at_ms UInt64
) ENGINE = MergeTree()
ORDER BY (model, version, metric, at_ms);
