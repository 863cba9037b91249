-- One row per sold line. ReplacingMergeTree on a key ending in event_id: a redelivered event
-- collapses into one row; counts read with FINAL (or through the views below) see it once.
CREATE TABLE IF NOT EXISTS sales (
  event_id String,
  event_ms UInt64,
  event_time DateTime MATERIALIZED toDateTime(intDiv(event_ms, 1000)),
  event_date Date MATERIALIZED toDate(toDateTime(intDiv(event_ms, 1000))),
  product_id String,
  quantity Int32,
  unit_price Float64,
  discount_pct Float64,
  category String,
  region String,
  order_id Nullable(String),
  user_id Nullable(String)
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (event_date, product_id, event_id);
