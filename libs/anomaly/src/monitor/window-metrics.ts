import type { SubjectKind, WindowAggregate } from '../windows/request-window.aggregator';

/** Which way a metric must move to be worth an alert: a faster route is not an incident. */
export type AlertDirection = 'up' | 'both';

export interface WindowMetric {
  /** Name in anomalies' `features`, e.g. `latency_p95_ms`. */
  name: string;
  read(window: WindowAggregate): number;
  direction: AlertDirection;
  /** Windows with fewer requests are not scored on this metric: a p95 of three requests is noise. */
  minRequests: number;
  /** Scored on a log scale (latency, sizes, rates: their changes are multiplicative). */
  logScale: boolean;
  /** The least spread to assume for a window, in the scored scale: counting noise that no baseline should call news. */
  noiseFloor?(window: WindowAggregate): number;
}

const rate: WindowMetric = { name: 'requests_per_second', read: (w) => w.requestsPerSecond, direction: 'both', minRequests: 0, logScale: true };
// Two more failures than usual among n requests is a share of 2/n; its counting noise is about √2/n.
const serverErrors: WindowMetric = {
  name: 'server_error_rate',
  read: (w) => w.serverErrorRate,
  direction: 'up',
  minRequests: 20,
  logScale: false,
  noiseFloor: (w) => Math.SQRT2 / w.requests,
};
const latencyP95: WindowMetric = { name: 'latency_p95_ms', read: (w) => w.latencyP95, direction: 'up', minRequests: 20, logScale: true };
const requestBytes: WindowMetric = { name: 'mean_request_bytes', read: (w) => w.meanRequestBytes, direction: 'up', minRequests: 10, logScale: true };

/** The metrics each kind of subject is watched on. Clients are watched as a population (see SubjectMonitor). */
export const WINDOW_METRICS: Readonly<Record<Exclude<SubjectKind, 'client'>, readonly WindowMetric[]>> = {
  route: [rate, serverErrors, latencyP95, requestBytes],
  service: [rate, serverErrors, latencyP95],
};

/** The busiest client's request rate in each window: a scraper stands out against every ordinary client. */
export const BUSIEST_CLIENT_METRIC: WindowMetric = { name: 'busiest_client_requests_per_second', read: (w) => w.requestsPerSecond, direction: 'up', minRequests: 0, logScale: true };
