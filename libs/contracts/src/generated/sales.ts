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
