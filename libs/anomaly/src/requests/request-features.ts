import type { RequestLog } from '#contracts';

/** What a single request is scored on; sizes and latency on a log scale, where routes' spreads are comparable. */
export const REQUEST_FEATURE_NAMES = ['log_latency_ms', 'log_request_bytes', 'log_response_bytes', 'server_error', 'client_error'] as const;

export type RequestFeatures = [number, number, number, number, number];

/** The numbers a request log needs to be scored (the columns read back from ClickHouse for training). */
export type ScoredRequest = Pick<RequestLog, 'service' | 'route' | 'status' | 'response_time_ms' | 'request_bytes' | 'response_bytes'>;

export function requestFeatures(r: ScoredRequest, out: number[] = new Array<number>(5)): number[] {
  out[0] = Math.log1p(Math.max(0, r.response_time_ms));
  out[1] = Math.log1p(Math.max(0, r.request_bytes));
  out[2] = Math.log1p(Math.max(0, r.response_bytes));
  out[3] = r.status >= 500 ? 1 : 0;
  out[4] = r.status >= 400 && r.status < 500 ? 1 : 0;
  return out;
}

/** Shown to people in the feature's own unit: milliseconds, bytes, or 0/1. */
export function featureInOwnUnit(index: number, value: number): number {
  return index <= 2 ? Math.expm1(value) : value;
}

export const routeKeyOf = (r: Pick<RequestLog, 'service' | 'route'>): string => `${r.service}${r.route}`;
