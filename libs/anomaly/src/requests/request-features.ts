import type { RequestLog } from '#contracts';

/**
 * What a single request is scored on; sizes and latency on a log scale, where routes' spreads are
 * comparable. Status is left to the windowed error rates: a few percent of ordinary requests fail,
 * and a 0/1 feature would make every one of them the most isolated point of its route.
 */
export const REQUEST_FEATURE_NAMES = ['log_latency_ms', 'log_request_bytes', 'log_response_bytes'] as const;

/** The numbers a request log needs to be scored (the columns read back from ClickHouse for training). */
export type ScoredRequest = Pick<RequestLog, 'service' | 'route' | 'status' | 'response_time_ms' | 'request_bytes' | 'response_bytes'>;

export function requestFeatures(r: ScoredRequest, out: number[] = new Array<number>(REQUEST_FEATURE_NAMES.length)): number[] {
  out[0] = Math.log1p(Math.max(0, r.response_time_ms));
  out[1] = Math.log1p(Math.max(0, r.request_bytes));
  out[2] = Math.log1p(Math.max(0, r.response_bytes));
  return out;
}

/** Shown to people in the feature's own unit: milliseconds or bytes. */
export function featureInOwnUnit(value: number): number {
  return Math.expm1(value);
}

export const routeKeyOf = (r: Pick<RequestLog, 'service' | 'route'>): string => `${r.service}${r.route}`;
