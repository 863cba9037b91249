CREATE TABLE IF NOT EXISTS feedback (
  event_id String,
  event_ms UInt64,
  event_time DateTime MATERIALIZED toDateTime(intDiv(event_ms, 1000)),
  user_id String,
  asset_id String,
  generation_id Nullable(String),
  feedback_type String,
  rating Nullable(Float64),
  quality_score Nullable(Float64),
  prompt String,
  garment_type Nullable(String),
  silhouette Nullable(String),
  neckline Nullable(String),
  sleeve_length Nullable(String),
  length Nullable(String),
  color_primary Nullable(String),
  finish Nullable(String),
  style_overall Nullable(String),
  mood Nullable(String),
  extra_keys Array(String),
  extra_values Array(String)
) ENGINE = ReplacingMergeTree()
ORDER BY (user_id, event_id);
