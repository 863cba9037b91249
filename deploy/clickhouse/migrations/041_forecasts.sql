-- Daily demand forecasts with inventory levels, one row per product, origin and model version (the
-- `forecasts` topic's records, flattened by day). Deduplicated on event_id: a republished forecast
-- is stored once.
CREATE TABLE IF NOT EXISTS forecasts (
  event_id String,
  generated_ms UInt64,
  product_id String,
  origin_date Date,
  horizon_days UInt16,
  interval_level Float64,
  dates Array(Date),
  forecast Array(Float64),
  lower Array(Float64),
  upper Array(Float64),
  safety_stock Float64,
  reorder_point Float64,
  min_level Float64,
  max_level Float64,
  lead_time_days UInt16,
  service_level Float64,
  warnings Array(String),
  model_name String,
  model_version String
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(origin_date)
ORDER BY (origin_date, product_id, event_id);
