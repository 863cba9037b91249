-- Daily units and revenue per product, each sale counted once: what the forecaster reads.
CREATE VIEW IF NOT EXISTS sales_daily AS
SELECT
  event_date AS date,
  product_id,
  any(category) AS category,
  any(region) AS region,
  sum(quantity) AS units,
  sum(quantity * unit_price * (1 - discount_pct / 100)) AS revenue,
  avg(discount_pct) AS avg_discount_pct,
  avg(unit_price) AS avg_unit_price,
  count() AS lines
FROM sales FINAL
GROUP BY event_date, product_id;
