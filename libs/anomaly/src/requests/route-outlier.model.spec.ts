import { describe, expect, it } from 'vitest';
import { IsolationForest } from '#ml';
import { requestFeatures, type ScoredRequest } from './request-features';
import { RouteOutlierModel, defaultRouteOutlierOptions, routeOutlierFamily, type RouteOutlierOptions, type RouteOutlierState } from './route-outlier.model';

interface RouteProfile {
  service: string;
  route: string;
  latencyMs: number;
  requestBytes: number;
  responseBytes: number;
}

const PRODUCTS: RouteProfile = { service: 'web', route: '/products/:id', latencyMs: 80, requestBytes: 500, responseBytes: 4_000 };
const SEARCH: RouteProfile = { service: 'api', route: '/search', latencyMs: 300, requestBytes: 1_500, responseBytes: 20_000 };
const RARE: RouteProfile = { service: 'api', route: '/admin', latencyMs: 150, requestBytes: 800, responseBytes: 1_000 };

/** Seeded requests with lognormal latency and sizes around a route's typical values; mostly 200s. */
function generator(seed: number) {
  let s = seed >>> 0;
  const uniform = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return (p: RouteProfile): ScoredRequest => {
    const u = uniform();
    return {
      service: p.service,
      route: p.route,
      status: u < 0.01 ? 500 : u < 0.03 ? 404 : 200,
      response_time_ms: p.latencyMs * Math.exp(0.3 * normal()),
      request_bytes: Math.round(p.requestBytes * Math.exp(0.2 * normal())),
      response_bytes: Math.round(p.responseBytes * Math.exp(0.25 * normal())),
    };
  };
}

const options: RouteOutlierOptions = { ...defaultRouteOutlierOptions, minRowsPerRoute: 1_000 };

function trainingSet(): ScoredRequest[] {
  const next = generator(1);
  return [...Array.from({ length: 2_500 }, () => next(PRODUCTS)), ...Array.from({ length: 2_500 }, () => next(SEARCH)), ...Array.from({ length: 100 }, () => next(RARE))];
}

describe('RouteOutlierModel', () => {
  const model = RouteOutlierModel.fit(trainingSet(), options);
  const heldOut = (() => {
    const next = generator(2);
    return [...Array.from({ length: 2_000 }, () => next(PRODUCTS)), ...Array.from({ length: 2_000 }, () => next(SEARCH))];
  })();

  it('fits a forest of its own for each busy route and shares one for the rest', () => {
    expect(model.routeCount).toBe(2);
    expect(model.outlierShare).toBe(0.001);
    expect(Object.keys(model.toState().routes).sort()).toEqual(['api/search', 'web/products/:id']);
    expect(RouteOutlierModel.fit(trainingSet(), { ...options, minRowsPerRoute: 5_000 }).routeCount).toBe(0);
  });

  it('refuses to fit on fewer than two requests', () => {
    expect(() => RouteOutlierModel.fit([generator(3)(PRODUCTS)], options)).toThrow(/at least two requests/);
  });

  it('flags ordinary held-out requests at about the configured share', () => {
    const flagged = heldOut.filter((r) => model.outlier(r) !== null).length;
    expect(flagged / heldOut.length).toBeLessThan(0.01);
    for (const r of heldOut.slice(0, 50)) {
      const score = model.score(r);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });

  it('flags ordinary requests at about a larger configured share too', () => {
    const loose = RouteOutlierModel.fit(trainingSet(), { ...options, outlierShare: 0.02 });
    const rate = heldOut.filter((r) => loose.outlier(r) !== null).length / heldOut.length;
    expect(rate).toBeGreaterThan(0.01);
    expect(rate).toBeLessThan(0.04);
  });

  it('explains an outlier by the features that isolated it, each in its own unit', () => {
    const broken: ScoredRequest = { service: 'web', route: '/products/:id', status: 503, response_time_ms: 4_000, request_bytes: 2_000_000, response_bytes: 10_000_000 };
    const outlier = model.outlier(broken);
    expect(outlier).not.toBeNull();
    expect(outlier!.score).toBeGreaterThanOrEqual(outlier!.threshold);
    expect(outlier!.threshold).toBe(model.toState().routes['web/products/:id']!.threshold);
    const byName = Object.fromEntries(outlier!.features.map((f) => [f.name, f]));
    expect(Object.keys(byName).sort()).toEqual(['log_latency_ms', 'log_request_bytes', 'log_response_bytes']);
    // Latency and sizes are shown in milliseconds and bytes, beside the route's training median.
    expect(byName.log_latency_ms!.value).toBeCloseTo(4_000, 6);
    expect(byName.log_latency_ms!.expected).toBeGreaterThan(0.8 * PRODUCTS.latencyMs);
    expect(byName.log_latency_ms!.expected).toBeLessThan(1.25 * PRODUCTS.latencyMs);
    expect(byName.log_request_bytes!.value).toBeCloseTo(2_000_000, 3);
    expect(byName.log_request_bytes!.expected).toBeGreaterThan(0.8 * PRODUCTS.requestBytes);
    expect(byName.log_request_bytes!.expected).toBeLessThan(1.25 * PRODUCTS.requestBytes);
    expect(byName.log_response_bytes!.value).toBeCloseTo(10_000_000, 2);
    // Shares of the surprise, strongest first, summing to 1.
    const shares = outlier!.features.map((f) => f.contribution);
    expect([...shares].sort((a, b) => b - a)).toEqual(shares);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(model.outlier({ ...broken, status: 200, response_time_ms: PRODUCTS.latencyMs, request_bytes: PRODUCTS.requestBytes, response_bytes: PRODUCTS.responseBytes })).toBeNull();
  });

  it('scores a request 50× slower than its route above an ordinary one, against its own route', () => {
    const ordinary: ScoredRequest = { service: 'web', route: '/products/:id', status: 200, response_time_ms: PRODUCTS.latencyMs, request_bytes: PRODUCTS.requestBytes, response_bytes: PRODUCTS.responseBytes };
    const slow = { ...ordinary, response_time_ms: 50 * PRODUCTS.latencyMs };
    expect(model.score(slow)).toBeGreaterThan(model.score(ordinary) + 0.1);
    // Each route has its own normal: the products route's usual latency is unusual on the search route.
    const onSearch = { ...slow, service: 'api', route: '/search', request_bytes: SEARCH.requestBytes, response_bytes: SEARCH.responseBytes };
    expect(model.score({ ...onSearch, response_time_ms: PRODUCTS.latencyMs })).toBeGreaterThan(model.score({ ...onSearch, response_time_ms: SEARCH.latencyMs }));
  });

  // A forest scores anything past a route's training maximum like that maximum; the robust range
  // check (median ± robustLimit MADs) is what flags these.
  it('flags a request 50× slower than its route, explained by its latency in milliseconds', () => {
    const slow: ScoredRequest = { service: 'web', route: '/products/:id', status: 200, response_time_ms: 50 * PRODUCTS.latencyMs, request_bytes: PRODUCTS.requestBytes, response_bytes: PRODUCTS.responseBytes };
    const outlier = model.outlier(slow);
    expect(outlier).not.toBeNull();
    expect(outlier!.features[0]!.name).toBe('log_latency_ms');
    expect(outlier!.features[0]!.value).toBeCloseTo(4_000, 6);
  });

  it('flags a server error with a huge request body', () => {
    const huge: ScoredRequest = { service: 'api', route: '/search', status: 503, response_time_ms: SEARCH.latencyMs, request_bytes: 2_000_000, response_bytes: SEARCH.responseBytes };
    expect(model.outlier(huge)).not.toBeNull();
  });

  it('scores a route it has never seen (or seen too little) with the shared forest', () => {
    const state = model.toState();
    const shared = IsolationForest.fromState(state.shared.forest);
    const products = IsolationForest.fromState(state.routes['web/products/:id']!.forest);
    const unseen: ScoredRequest = { service: 'shop', route: '/checkout', status: 200, response_time_ms: 80, request_bytes: 500, response_bytes: 4_000 };
    expect(model.score(unseen)).toBe(shared.score(requestFeatures(unseen)));
    const rare: ScoredRequest = { ...unseen, service: 'api', route: '/admin' };
    expect(model.score(rare)).toBe(shared.score(requestFeatures(rare)));
    // A busy route has its own forest, which scores differently.
    const known: ScoredRequest = { ...unseen, service: 'web', route: '/products/:id' };
    expect(model.score(known)).toBe(products.score(requestFeatures(known)));
    expect(model.score(known)).not.toBe(model.score(unseen));
    // Ordinary for one of the known routes, so ordinary for the shared normal.
    expect(model.outlier(unseen)).toBeNull();
  });

  it('scores identically after a round trip through the family state and JSON', () => {
    const saved = JSON.parse(JSON.stringify(routeOutlierFamily.toState(model))) as RouteOutlierState;
    const loaded = routeOutlierFamily.fromState(saved);
    expect(loaded.routeCount).toBe(model.routeCount);
    expect(loaded.outlierShare).toBe(model.outlierShare);
    const probes: ScoredRequest[] = [...heldOut.slice(0, 200), { service: 'web', route: '/products/:id', status: 200, response_time_ms: 4_000, request_bytes: 500, response_bytes: 4_000 }, { service: 'x', route: '/y', status: 502, response_time_ms: 10, request_bytes: 10, response_bytes: 10 }];
    for (const r of probes) {
      expect(loaded.score(r)).toBe(model.score(r));
      expect(loaded.outlier(r)).toEqual(model.outlier(r));
    }
  });

  it('passes the family smoke test, which rejects a model that cannot score', () => {
    expect(routeOutlierFamily.name).toBe('route-isolation-forests');
    expect(() => routeOutlierFamily.smokeTest(model)).not.toThrow();
    const state = JSON.parse(JSON.stringify(model.toState())) as RouteOutlierState;
    // A forest grown on a single row has no path length to compare with: its scores are 0.
    state.shared.forest.sampleSize = 1;
    expect(() => routeOutlierFamily.smokeTest(routeOutlierFamily.fromState(state))).toThrow(/outside \(0, 1\]/);
  });

  it('refuses a state for other features', () => {
    const state = JSON.parse(JSON.stringify(model.toState())) as RouteOutlierState;
    state.shared.forest.featureNames = ['a', 'b', 'c', 'd', 'e'];
    expect(() => RouteOutlierModel.fromState(state)).toThrow(/features a, b, c, d, e differ/);
  });
});
