import { IsolationForest, type IsolationForestOptions, type IsolationForestState } from '#ml';
import type { ModelFamily } from '#models';
import type { FeatureContribution } from '../monitor/incident-tracker';
import { REQUEST_FEATURE_NAMES, featureInOwnUnit, requestFeatures, routeKeyOf, type ScoredRequest } from './request-features';

export interface RouteOutlierOptions {
  forest: Partial<IsolationForestOptions>;
  /** Routes with fewer training requests share one forest. */
  minRowsPerRoute: number;
  /** Share of a route's own training requests above its outlier threshold (a quantile of their scores). */
  outlierShare: number;
  /**
   * A feature this many robust standard deviations (MAD-based) above its route's median makes an
   * outlier whatever the forest says (above only: a tiny error body or a 304 is not an incident): a forest cannot tell "past the largest value it saw" from
   * "far past it", so a 50× slower request would score like the slowest ordinary one.
   */
  robustLimit: number;
}

export const defaultRouteOutlierOptions: RouteOutlierOptions = { forest: { trees: 32, sampleSize: 256, seed: 7 }, minRowsPerRoute: 500, outlierShare: 0.001, robustLimit: 6 };

interface RouteForest {
  forest: IsolationForest;
  threshold: number;
  /** Median of each feature in the route's training requests: the "expected" beside an outlier's value. */
  medians: number[];
  /** Robust standard deviation (1.4826 × MAD) of each feature, floored so a constant feature is not infinitely surprising. */
  spreads: number[];
}

export interface RouteOutlierState {
  outlierShare: number;
  robustLimit: number;
  routes: Record<string, SavedForest>;
  shared: SavedForest;
}

interface SavedForest {
  forest: IsolationForestState;
  threshold: number;
  medians: number[];
  spreads: number[];
}

export interface RequestOutlier {
  score: number;
  threshold: number;
  features: FeatureContribution[];
}

/**
 * Per-request scoring against the learned normal of the request's route: one isolation forest per
 * busy route (and one shared by the rest), each with its own threshold set so that a known share
 * of its training requests lies above it. An outlier is explained by the features that isolated it.
 */
export class RouteOutlierModel {
  private readonly row = new Array<number>(REQUEST_FEATURE_NAMES.length);

  private constructor(
    private readonly routes: Map<string, RouteForest>,
    private readonly shared: RouteForest,
    readonly outlierShare: number,
    private readonly robustLimit: number,
  ) {}

  static fit(requests: readonly ScoredRequest[], options: RouteOutlierOptions = defaultRouteOutlierOptions): RouteOutlierModel {
    if (requests.length < 2) throw new Error(`RouteOutlierModel.fit needs at least two requests, got ${requests.length}`);
    const byRoute = new Map<string, number[][]>();
    const all: number[][] = [];
    for (const r of requests) {
      const row = requestFeatures(r, []);
      all.push(row);
      const key = routeKeyOf(r);
      const rows = byRoute.get(key) ?? [];
      rows.push(row);
      byRoute.set(key, rows);
    }
    const routes = new Map<string, RouteForest>();
    for (const [key, rows] of byRoute) if (rows.length >= options.minRowsPerRoute) routes.set(key, fitForest(rows, options));
    return new RouteOutlierModel(routes, fitForest(all, options), options.outlierShare, options.robustLimit);
  }

  static fromState(state: RouteOutlierState): RouteOutlierModel {
    const load = (s: SavedForest): RouteForest => {
      const forest = IsolationForest.fromState(s.forest);
      if (forest.state.featureNames.join() !== REQUEST_FEATURE_NAMES.join()) throw new Error(`RouteOutlierModel state: features ${forest.state.featureNames.join(', ')} differ from ${REQUEST_FEATURE_NAMES.join(', ')}`);
      return { forest, threshold: s.threshold, medians: s.medians, spreads: s.spreads };
    };
    return new RouteOutlierModel(new Map(Object.entries(state.routes).map(([k, s]) => [k, load(s)])), load(state.shared), state.outlierShare, state.robustLimit);
  }

  toState(): RouteOutlierState {
    const save = (r: RouteForest): SavedForest => ({ forest: r.forest.state, threshold: r.threshold, medians: r.medians, spreads: r.spreads });
    return { outlierShare: this.outlierShare, robustLimit: this.robustLimit, routes: Object.fromEntries([...this.routes].map(([k, r]) => [k, save(r)])), shared: save(this.shared) };
  }

  get routeCount(): number {
    return this.routes.size;
  }

  /** Isolation score in (0, 1] of one request against its route's normal. */
  score(request: ScoredRequest): number {
    return this.forestOf(request).forest.score(requestFeatures(request, this.row));
  }

  /** The request's score, and if it is above its route's threshold, what made it stand out; null when ordinary. */
  outlier(request: ScoredRequest): RequestOutlier | null {
    const route = this.forestOf(request);
    const row = requestFeatures(request, this.row);
    const score = route.forest.score(row);
    let beyondRange = false;
    for (let i = 0; i < row.length; i++) if (row[i]! - route.medians[i]! >= this.robustLimit * route.spreads[i]!) beyondRange = true;
    if (score < route.threshold && !beyondRange) return null;
    const surprises = row.map((v, i) => Math.max(0, v - route.medians[i]!) / route.spreads[i]!);
    const feature = (i: number, contribution: number) => ({
      name: REQUEST_FEATURE_NAMES[i]!,
      value: featureInOwnUnit(row[i]!),
      expected: featureInOwnUnit(route.medians[i]!),
      contribution,
    });
    // Far outside the route's range, the distance says more than the forest's splits can.
    const total = surprises.reduce((a, b) => a + b, 0) || 1;
    const features = beyondRange
      ? surprises.map((z, i) => feature(i, z / total)).sort((a, b) => b.contribution - a.contribution)
      : route.forest.explain(row).map(({ feature: name, share }) => feature(REQUEST_FEATURE_NAMES.indexOf(name as (typeof REQUEST_FEATURE_NAMES)[number]), share));
    return { score: Math.max(score, route.threshold), threshold: route.threshold, features };
  }

  private forestOf(request: ScoredRequest): RouteForest {
    return this.routes.get(routeKeyOf(request)) ?? this.shared;
  }
}

function fitForest(rows: number[][], options: RouteOutlierOptions): RouteForest {
  const forest = IsolationForest.fit([...REQUEST_FEATURE_NAMES], rows, options.forest);
  const scores = rows.map((r) => forest.score(r)).sort((a, b) => a - b);
  const threshold = scores[Math.min(scores.length - 1, Math.floor(scores.length * (1 - options.outlierShare)))]!;
  const medians = REQUEST_FEATURE_NAMES.map((_, f) => median(rows.map((r) => r[f]!)));
  // 0.05 on the log scale: a feature that never varies still needs a 5% change per robust deviation.
  const spreads = REQUEST_FEATURE_NAMES.map((_, f) => Math.max(0.05, 1.4826 * median(rows.map((r) => Math.abs(r[f]! - medians[f]!)))));
  // Ties at the threshold (many identical requests) would flag them all: nudge it just above.
  return { forest, threshold: threshold + 1e-9, medians, spreads };
}

function median(values: number[]): number {
  const sorted = values.sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export const routeOutlierFamily: ModelFamily<RouteOutlierModel> = {
  name: 'route-isolation-forests',
  toState: (model) => model.toState(),
  fromState: (state) => RouteOutlierModel.fromState(state as RouteOutlierState),
  smokeTest(model) {
    const s = model.score({ service: 'smoke', route: '/test', status: 200, response_time_ms: 50, request_bytes: 300, response_bytes: 2000 });
    if (!(s > 0 && s <= 1)) throw new Error(`score of an ordinary request is ${s}, outside (0, 1]`);
  },
};
