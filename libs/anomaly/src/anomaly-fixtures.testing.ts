import type { RequestLog } from '#contracts';
import type { WindowAggregate } from './windows/request-window.aggregator';

let nextId = 0;

/** An ordinary request log of web/products/:id at `eventTime`, for tests; override any field. */
export function requestLog(eventTime: number, overrides: Partial<RequestLog> = {}): RequestLog {
  return {
    event_id: `e${nextId++}`,
    event_time: eventTime,
    service: 'web',
    route: '/products/:id',
    method: 'GET',
    status: 200,
    response_time_ms: 100,
    request_bytes: 500,
    response_bytes: 4000,
    client_id: 'c1',
    user_id: null,
    ...overrides,
  };
}

/** A one-minute window of web/products/:id starting at `windowStart`, with ordinary aggregates, for tests. */
export function routeWindow(windowStart: number, overrides: Partial<WindowAggregate> = {}): WindowAggregate {
  const requests = overrides.requests ?? 60;
  return {
    subjectKind: 'route',
    subject: 'web/products/:id',
    windowStart,
    windowEnd: windowStart + 60_000,
    requests,
    requestsPerSecond: requests / 60,
    serverErrorRate: 0,
    clientErrorRate: 0,
    latencyP50: 80,
    latencyP95: 120,
    latencyP99: 150,
    meanRequestBytes: 500,
    maxRequestBytes: 900,
    meanResponseBytes: 4000,
    outliers: 0,
    worstOutlier: null,
    evicted: false,
    ...overrides,
  };
}
