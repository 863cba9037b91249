/** The shop's services and routes, with the traffic share and the normal behaviour of each. */

export interface StatusMix {
  /** Status of a successful request (200, or 201 for creations). */
  readonly ok: number;
  /** Shares of the other outcomes; the rest is `ok`. */
  readonly notModified: number;
  readonly notFound: number;
  readonly clientError: number;
  readonly serverError: number;
}

export interface RouteProfile {
  readonly service: string;
  /** Route template, e.g. /products/:id. */
  readonly route: string;
  readonly method: string;
  /** Relative share of all requests. */
  readonly share: number;
  readonly latencyMedianMs: number;
  readonly latencySigma: number;
  readonly requestBytesMedian: number;
  readonly responseBytesMedian: number;
  /** Lognormal spread of response sizes. */
  readonly responseBytesSigma: number;
  readonly status: StatusMix;
  /** Share of requests made by a logged-in user. */
  readonly loggedInShare: number;
}

/** Kafka key and anomaly subject of a route: `web/products/:id` (service followed by the route template). */
export function routeSubject(service: string, route: string): string {
  return `${service}${route}`;
}

const OK: StatusMix = { ok: 200, notModified: 0, notFound: 0, clientError: 0.002, serverError: 0.002 };

function route(
  service: string,
  method: string,
  path: string,
  share: number,
  latencyMedianMs: number,
  latencySigma: number,
  requestBytesMedian: number,
  responseBytesMedian: number,
  status: Partial<StatusMix>,
  loggedInShare: number,
): RouteProfile {
  return {
    service,
    route: path,
    method,
    share,
    latencyMedianMs,
    latencySigma,
    requestBytesMedian,
    responseBytesMedian,
    responseBytesSigma: 0.35,
    status: { ...OK, ...status },
    loggedInShare,
  };
}

export const SHOP_ROUTES: readonly RouteProfile[] = [
  route('web', 'GET', '/', 0.12, 45, 0.45, 650, 38_000, { notModified: 0.15 }, 0.3),
  route('web', 'GET', '/products/:id', 0.24, 70, 0.5, 700, 62_000, { notModified: 0.1, notFound: 0.03 }, 0.35),
  route('web', 'GET', '/search', 0.11, 120, 0.6, 720, 41_000, { clientError: 0.01 }, 0.3),
  route('web', 'GET', '/category/:slug', 0.07, 90, 0.5, 680, 55_000, { notModified: 0.08, notFound: 0.01 }, 0.3),
  route('web', 'GET', '/cart', 0.05, 50, 0.4, 800, 18_000, {}, 0.85),
  route('web', 'POST', '/cart', 0.035, 80, 0.45, 1_400, 2_500, { ok: 201, clientError: 0.02 }, 0.85),
  route('web', 'POST', '/checkout', 0.012, 340, 0.5, 2_600, 4_000, { ok: 201, clientError: 0.03, serverError: 0.004 }, 0.95),
  route('api', 'GET', '/api/recommend', 0.11, 35, 0.4, 520, 4_200, {}, 0.6),
  route('api', 'GET', '/api/products', 0.06, 28, 0.45, 480, 12_000, { notModified: 0.2 }, 0.2),
  route('api', 'POST', '/api/orders', 0.012, 180, 0.5, 1_800, 1_200, { ok: 201, clientError: 0.025, serverError: 0.003 }, 1),
  route('api', 'GET', '/api/orders/:id', 0.025, 40, 0.4, 500, 2_400, { notFound: 0.02 }, 1),
  route('api', 'POST', '/api/auth/login', 0.02, 150, 0.35, 900, 700, { clientError: 0.08 }, 0),
  route('assets', 'GET', '/static/:file', 0.14, 8, 0.6, 450, 90_000, { notModified: 0.45, notFound: 0.005, serverError: 0.0005 }, 0),
];

export const CLIENT_ERROR_STATUSES: readonly number[] = [400, 401, 403, 409, 422, 429];
export const SERVER_ERROR_STATUSES: readonly number[] = [500, 502, 503, 504];
