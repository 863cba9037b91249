import type { Forecast } from '#contracts';

/** A forecast record flattened for the ClickHouse `forecasts` table. */
export interface ForecastRow {
  event_id: string;
  generated_ms: number;
  product_id: string;
  origin_date: string;
  horizon_days: number;
  interval_level: number;
  dates: string[];
  forecast: number[];
  lower: number[];
  upper: number[];
  safety_stock: number;
  reorder_point: number;
  min_level: number;
  max_level: number;
  lead_time_days: number;
  service_level: number;
  warnings: string[];
  model_name: string;
  model_version: string;
}

/** The table row of a published forecast: points as parallel arrays. */
export function forecastRow(r: Forecast): ForecastRow {
  return {
    event_id: r.event_id,
    generated_ms: r.generated_at,
    product_id: r.product_id,
    origin_date: r.origin_date,
    horizon_days: r.horizon_days,
    interval_level: r.interval_level,
    dates: r.points.map((p) => p.date),
    forecast: r.points.map((p) => p.forecast),
    lower: r.points.map((p) => p.lower),
    upper: r.points.map((p) => p.upper),
    safety_stock: r.safety_stock,
    reorder_point: r.reorder_point,
    min_level: r.min_level,
    max_level: r.max_level,
    lead_time_days: r.lead_time_days,
    service_level: r.service_level,
    warnings: r.warnings,
    model_name: r.model_name,
    model_version: r.model_version,
  };
}
