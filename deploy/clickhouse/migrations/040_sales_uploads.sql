-- Daily sales uploaded as CSV (seed 001's /retrain): one row per (product_id, date), the latest
-- upload winning, so a corrected file replaces the days it covers.
CREATE TABLE IF NOT EXISTS sales_uploads (
  product_id String,
  date Date,
  units Float64,
  category String,
  region String,
  rating Nullable(Float64),
  price Nullable(Float64),
  discount_pct Float64,
  upload_id String,
  uploaded_ms UInt64
) ENGINE = ReplacingMergeTree(uploaded_ms)
ORDER BY (product_id, date);

-- Daily demand per product, what the forecaster trains on: the sales events' daily totals, except
-- on the (product_id, date) pairs an upload covers, where the uploaded figure replaces them.
CREATE VIEW IF NOT EXISTS demand_daily AS
SELECT date, product_id, category, region, units, avg_discount_pct, 'upload' AS source
FROM (
  SELECT date, product_id, category, region, units, discount_pct AS avg_discount_pct FROM sales_uploads FINAL
)
UNION ALL
SELECT date, product_id, category, region, toFloat64(units) AS units, avg_discount_pct, 'sales' AS source
FROM sales_daily
WHERE (product_id, date) NOT IN (SELECT product_id, date FROM sales_uploads);
