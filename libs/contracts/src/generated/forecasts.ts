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

export const ForecastAvroSchema = {
  "type": "record",
  "name": "Forecast",
  "namespace": "pulse.outputs",
  "doc": "Demand forecast and inventory levels for one product. Key: product_id.",
  "fields": [
    {
      "name": "event_id",
      "type": "string",
      "doc": "Deterministic: product, forecast origin and model version."
    },
    {
      "name": "generated_at",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    },
    {
      "name": "product_id",
      "type": "string"
    },
    {
      "name": "origin_date",
      "type": "string",
      "doc": "Last day of history used, YYYY-MM-DD."
    },
    {
      "name": "horizon_days",
      "type": "int"
    },
    {
      "name": "interval_level",
      "type": "double",
      "doc": "Nominal coverage of lower/upper, e.g. 0.8."
    },
    {
      "name": "points",
      "type": {
        "type": "array",
        "items": {
          "type": "record",
          "name": "ForecastPoint",
          "fields": [
            {
              "name": "date",
              "type": "string",
              "doc": "YYYY-MM-DD"
            },
            {
              "name": "forecast",
              "type": "double"
            },
            {
              "name": "lower",
              "type": "double"
            },
            {
              "name": "upper",
              "type": "double"
            }
          ]
        }
      }
    },
    {
      "name": "safety_stock",
      "type": "double"
    },
    {
      "name": "reorder_point",
      "type": "double"
    },
    {
      "name": "min_level",
      "type": "double"
    },
    {
      "name": "max_level",
      "type": "double"
    },
    {
      "name": "lead_time_days",
      "type": "int"
    },
    {
      "name": "service_level",
      "type": "double"
    },
    {
      "name": "warnings",
      "type": {
        "type": "array",
        "items": "string"
      },
      "default": []
    },
    {
      "name": "model_name",
      "type": "string"
    },
    {
      "name": "model_version",
      "type": "string"
    }
  ]
};
