CREATE TABLE IF NOT EXISTS request_log (
  event_id String,
  event_ms UInt64,
  event_time DateTime MATERIALIZED toDateTime(intDiv(event_ms, 1000)),
  event_date Date MATERIALIZED toDate(toDateTime(intDiv(event_ms, 1000))),
  service String,
  route String,
  method String,
  status UInt16,
  response_time_ms Float64,
  request_bytes UInt64,
  response_bytes UInt64,
  client_id String,
  user_id Nullable(String)
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (event_date, service, route, event_id);
