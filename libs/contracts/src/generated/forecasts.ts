// Generated from schemas/*.avsc by `npm run codegen`. Do not edit.
/* eslint-disable */

export interface ForecastPoint {
  /** YYYY-MM-DD */
  date: string;
  forecast: number;
  lower: number;
  upper: number;
}

/** Demand forecast and inventory levels for one product. Key: product_id. */
export interface Forecast {
  /** Deterministic: product, forecast origin and model version. */
  event_id: string;
  generated_at: number;
  product_id: string;
  /** Last day of history used, YYYY-MM-DD. */
  origin_date: string;
  horizon_days: number;
  /** Nominal coverage of lower/upper, e.g. 0.8. */
  interval_level: number;
  points: Array<ForecastPoint>;
  safety_stock: number;
  reorder_point: number;
  min_level: number;
  max_level: number;
  lead_time_days: number;
  service_level: number;
  warnings: Array<string>;
  model_name: string;
  model_version: string;
}
