-- Every revision of every user's style profile (seed 004 stage 2): created from a portfolio, then
-- updated online. The highest revision of a user_id is the current profile.
CREATE TABLE IF NOT EXISTS style_profiles (
  user_id String,
  revision UInt32,
  updated_ms UInt64,
  n_clusters UInt8,
  records UInt32,
  profile String
) ENGINE = ReplacingMergeTree()
ORDER BY (user_id, revision);
