// Generated from schemas/*.avsc by `npm run codegen`. Do not edit.
/* eslint-disable */

/** One sold order line, produced by a shop backend or a CSV upload. Key: product_id. */
export interface Sale {
  /** Globally unique id of this event; tables deduplicate on it. */
  event_id: string;
  /** When the sale happened (epoch ms, UTC). */
  event_time: number;
  product_id: string;
  /** Units sold; positive. */
  quantity: number;
  /** Price per unit before discount, in the shop currency. */
  unit_price: number;
  /** Discount applied, percent 0-100. */
  discount_pct: number;
  category: string;
  region: string;
  order_id: null | string;
  user_id: null | string;
}

export const SaleAvroSchema = {
  "type": "record",
  "name": "Sale",
  "namespace": "pulse.events",
  "doc": "One sold order line, produced by a shop backend or a CSV upload. Key: product_id.",
  "fields": [
    {
      "name": "event_id",
      "type": "string",
      "doc": "Globally unique id of this event; tables deduplicate on it."
    },
    {
      "name": "event_time",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      },
      "doc": "When the sale happened (epoch ms, UTC)."
    },
    {
      "name": "product_id",
      "type": "string"
    },
    {
      "name": "quantity",
      "type": "int",
      "doc": "Units sold; positive."
    },
    {
      "name": "unit_price",
      "type": "double",
      "doc": "Price per unit before discount, in the shop currency."
    },
    {
      "name": "discount_pct",
      "type": "double",
      "default": 0,
      "doc": "Discount applied, percent 0-100."
    },
    {
      "name": "category",
      "type": "string"
    },
    {
      "name": "region",
      "type": "string"
    },
    {
      "name": "order_id",
      "type": [
        "null",
        "string"
      ],
      "default": null
    },
    {
      "name": "user_id",
      "type": [
        "null",
        "string"
      ],
      "default": null
    }
  ]
};
