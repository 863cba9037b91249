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
