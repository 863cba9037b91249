// Generated from schemas/*.avsc by `npm run codegen`. Do not edit.
/* eslint-disable */

/** One HTTP request served by the shop web tier. Key: service/route. */
export interface RequestLog {
  event_id: string;
  event_time: number;
  service: string;
  /** Route template, e.g. /products/:id. */
  route: string;
  method: string;
  /** HTTP status code 100-599. */
  status: number;
  response_time_ms: number;
  request_bytes: number;
  response_bytes: number;
  /** Client address or API key id. */
  client_id: string;
  user_id: null | string;
}
