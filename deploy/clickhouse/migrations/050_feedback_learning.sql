-- Every feedback event the reward model learned from, once (read with FINAL): what it predicted for
-- the user before learning (progressive validation) and the target it learned. Replays collapse on
-- event_id.
CREATE TABLE IF NOT EXISTS feedback_learning (
  event_id String,
  event_ms UInt64,
  learned_ms UInt64,
  event_date Date MATERIALIZED toDate(toDateTime(intDiv(event_ms, 1000))),
  user_id String,
  asset_id String,
  feedback_type String,
  target Float64,
  prediction Float64,
  user_events UInt32
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(event_date)
ORDER BY (event_date, user_id, event_id);
