import type { Feedback, Product, RequestLog, Sale } from '#contracts';

/** Column values as the ClickHouse tables in deploy/clickhouse/migrations hold them. */
export type SaleRow = ReturnType<typeof saleRow>;
export type ProductRow = ReturnType<typeof productRow>;
export type RequestLogRow = ReturnType<typeof requestLogRow>;
export type FeedbackRow = ReturnType<typeof feedbackRow>;

export function saleRow(e: Sale) {
  return {
    event_id: e.event_id,
    event_ms: e.event_time,
    product_id: e.product_id,
    quantity: e.quantity,
    unit_price: e.unit_price,
    discount_pct: e.discount_pct,
    category: e.category,
    region: e.region,
    order_id: e.order_id,
    user_id: e.user_id,
  };
}

export function productRow(e: Product) {
  return {
    event_id: e.event_id,
    event_ms: e.event_time,
    product_id: e.product_id,
    title: e.title,
    description: e.description,
    image_url: e.image_url,
    category: e.category,
    price: e.price,
    rating: e.rating,
    active: e.active ? 1 : 0,
  };
}

export function requestLogRow(e: RequestLog) {
  return {
    event_id: e.event_id,
    event_ms: e.event_time,
    service: e.service,
    route: e.route,
    method: e.method,
    status: e.status,
    response_time_ms: e.response_time_ms,
    request_bytes: e.request_bytes,
    response_bytes: e.response_bytes,
    client_id: e.client_id,
    user_id: e.user_id,
  };
}

export function feedbackRow(e: Feedback) {
  const extra = Object.entries(e.attributes.extra);
  return {
    event_id: e.event_id,
    event_ms: e.event_time,
    user_id: e.user_id,
    asset_id: e.asset_id,
    generation_id: e.generation_id,
    feedback_type: e.feedback_type,
    rating: e.rating,
    quality_score: e.quality_score,
    prompt: e.prompt,
    garment_type: e.attributes.garment_type,
    silhouette: e.attributes.silhouette,
    neckline: e.attributes.neckline,
    sleeve_length: e.attributes.sleeve_length,
    length: e.attributes.length,
    color_primary: e.attributes.color_primary,
    finish: e.attributes.finish,
    style_overall: e.attributes.style_overall,
    mood: e.attributes.mood,
    extra_keys: extra.map(([k]) => k),
    extra_values: extra.map(([, v]) => v),
  };
}
