-- Every catalogue event, deduplicated on event_id; products_latest holds the current entry per product.
CREATE TABLE IF NOT EXISTS products (
  event_id String,
  event_ms UInt64,
  event_time DateTime MATERIALIZED toDateTime(intDiv(event_ms, 1000)),
  product_id String,
  title String,
  description String,
  image_url Nullable(String),
  category String,
  price Float64,
  rating Nullable(Float64),
  active UInt8
) ENGINE = ReplacingMergeTree()
ORDER BY (product_id, event_id);

CREATE VIEW IF NOT EXISTS products_latest AS
SELECT
  product_id,
  argMax(title, event_ms) AS title,
  argMax(description, event_ms) AS description,
  argMax(image_url, event_ms) AS image_url,
  argMax(category, event_ms) AS category,
  argMax(price, event_ms) AS price,
  argMax(rating, event_ms) AS rating,
  argMax(active, event_ms) AS active,
  max(event_ms) AS updated_ms
FROM products FINAL
GROUP BY product_id;
