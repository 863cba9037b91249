// Generated from schemas/*.avsc by `npm run codegen`. Do not edit.
/* eslint-disable */

/** Catalogue entry (latest wins; compacted topic). Key: product_id. */
export interface Product {
  event_id: string;
  /** When this version of the entry was written. */
  event_time: number;
  product_id: string;
  title: string;
  description: string;
  image_url: null | string;
  category: string;
  price: number;
  /** Average rating 0-5 when known. */
  rating: null | number;
  active: boolean;
}

export const ProductAvroSchema = {
  "type": "record",
  "name": "Product",
  "namespace": "pulse.events",
  "doc": "Catalogue entry (latest wins; compacted topic). Key: product_id.",
  "fields": [
    {
      "name": "event_id",
      "type": "string"
    },
    {
      "name": "event_time",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      },
      "doc": "When this version of the entry was written."
    },
    {
      "name": "product_id",
      "type": "string"
    },
    {
      "name": "title",
      "type": "string"
    },
    {
      "name": "description",
      "type": "string",
      "default": ""
    },
    {
      "name": "image_url",
      "type": [
        "null",
        "string"
      ],
      "default": null
    },
    {
      "name": "category",
      "type": "string"
    },
    {
      "name": "price",
      "type": "double"
    },
    {
      "name": "rating",
      "type": [
        "null",
        "double"
      ],
      "default": null,
      "doc": "Average rating 0-5 when known."
    },
    {
      "name": "active",
      "type": "boolean",
      "default": true
    }
  ]
};
