import type { ModelFamily } from '#models';
import { mase } from './accuracy-metrics';
import { DecompositionForecaster, FittedDecomposition, type FittedDecompositionState } from './decomposition.forecaster';
import type { DailySeries, SeriesForecast } from './forecaster';
import { normalQuantile } from './normal-quantile';
import { SeasonalNaiveForecaster } from './seasonal-naive.forecaster';
import { chooseBySegment } from './segment-choice';

/** What the shop knows about a product: the filters of seed 001's /forecast work on these. */
export interface ProductProfile {
  productId: string;
  category: string;
  region: string;
  rating: number | null;
  price: number;
  /** Latest discount, percent. */
  discountPct: number;
}

export interface ProductHistory {
  profile: ProductProfile;
  series: DailySeries;
}

/** Seed 001's /forecast filters; every given one must hold. */
export interface ProductFilter {
  product_id?: string;
  category?: string;
  region?: string;
  min_rating?: number;
  max_price?: number;
  min_discount?: number;
}

type Method = 'decomposition' | 'seasonal-naive';

interface ProductState {
  profile: ProductProfile;
  historyDays: number;
  method: Method;
  decomposition: FittedDecompositionState | null;
  /** The last two weeks, for seasonal naive. */
  recent: DailySeries;
}

export interface DemandForecastState {
  horizon: number;
  /** Method per category, chosen by rolling-origin backtest. */
  choice: Record<string, Method>;
  products: ProductState[];
}

export interface DemandForecastTraining {
  horizon: number;
  /** Backtest origins per category for the method choice. */
  origins: number;
}

export const defaultDemandForecastTraining: DemandForecastTraining = { horizon: 28, origins: 3 };

/** A filtered forecast: the matching products' demand summed, with an interval from their spreads. */
export interface AggregateForecast {
  productIds: string[];
  forecast: SeriesForecast;
  /** Products forecast by each method. */
  methods: Record<string, number>;
  /** Shortest history among the products. */
  historyDays: number;
}

/**
 * The trained demand model of a whole catalogue: a fitted decomposition per product with enough
 * history, the method chosen per category by backtest (decomposition or seasonal naive), and each
 * product's recent days. Forecasts for any filter come from it without training.
 */
export class DemandForecastModel {
  private readonly naive = new SeasonalNaiveForecaster();

  constructor(readonly state: DemandForecastState) {}

  /**
   * Fits every product on all its history. The caller evaluates by training on history that stops
   * `horizon` days earlier and scoring those days with `holdoutMase`.
   */
  static train(histories: readonly ProductHistory[], options: DemandForecastTraining = defaultDemandForecastTraining): DemandForecastModel {
    const decomposition = new DecompositionForecaster();
    const byCategory = new Map<string, DailySeries[]>();
    for (const h of histories) byCategory.set(h.profile.category, [...(byCategory.get(h.profile.category) ?? []), h.series]);
    const choice = Object.fromEntries(
      chooseBySegment(byCategory, [new SeasonalNaiveForecaster(), decomposition], { horizon: options.horizon, origins: options.origins, step: options.horizon }).map((c) => [c.segment, c.model as Method]),
    );
    const products = histories
      .filter((h) => h.series.values.length >= 14)
      .map((h): ProductState => {
        const n = h.series.values.length;
        const canDecompose = n >= decomposition.minHistory;
        return {
          profile: h.profile,
          historyDays: n,
          method: canDecompose ? (choice[h.profile.category] ?? 'decomposition') : 'seasonal-naive',
          decomposition: canDecompose ? decomposition.fit(h.series).state : null,
          recent: { startDay: h.series.startDay + n - 14, values: h.series.values.slice(-14), discounts: h.series.discounts?.slice(-14) },
        };
      });
    return new DemandForecastModel({ horizon: options.horizon, choice, products });
  }

  matching(filter: ProductFilter): ProductProfile[] {
    return this.state.products.map((p) => p.profile).filter((p) => matches(p, filter));
  }

  forecast(filter: ProductFilter, horizon: number, level = 0.8): AggregateForecast {
    const products = this.state.products.filter((p) => matches(p.profile, filter));
    if (products.length === 0) throw new NoMatchingProductsError(filter);
    const z = normalQuantile((1 + level) / 2);
    const mean = new Array<number>(horizon).fill(0);
    const variance = new Array<number>(horizon).fill(0);
    const methods: Record<string, number> = {};
    for (const p of products) {
      const f = this.productForecast(p, horizon, level);
      methods[p.method] = (methods[p.method] ?? 0) + 1;
      for (let d = 0; d < horizon; d++) {
        mean[d]! += f.mean[d]!;
        // Products' errors are taken as independent: spreads add in quadrature.
        variance[d]! += ((f.upper[d]! - f.lower[d]!) / (2 * z)) ** 2;
      }
    }
    return {
      productIds: products.map((p) => p.profile.productId),
      forecast: { mean, lower: mean.map((m, d) => Math.max(0, m - z * Math.sqrt(variance[d]!))), upper: mean.map((m, d) => m + z * Math.sqrt(variance[d]!)), level },
      methods,
      historyDays: Math.min(...products.map((p) => p.historyDays)),
    };
  }

  /** Mean MASE of this model's product forecasts against the `actuals` that followed its training data. */
  holdoutMase(actuals: ReadonlyMap<string, readonly number[]>, histories: ReadonlyMap<string, readonly number[]>): number {
    let total = 0;
    let count = 0;
    for (const p of this.state.products) {
      const actual = actuals.get(p.profile.productId);
      const history = histories.get(p.profile.productId);
      if (!actual || !history || history.length <= 7) continue;
      total += mase(actual, this.productForecast(p, actual.length, 0.8).mean, history);
      count++;
    }
    if (count === 0) throw new RangeError('no product has both a history and held-out days to score');
    return total / count;
  }

  private productForecast(p: ProductState, horizon: number, level: number): SeriesForecast {
    if (p.method === 'decomposition' && p.decomposition) return new FittedDecomposition(p.decomposition).forecast({ horizon, level });
    return this.naive.fit(p.recent).forecast({ horizon, level });
  }
}

export class NoMatchingProductsError extends Error {
  constructor(readonly filter: ProductFilter) {
    super(`no product matches ${JSON.stringify(filter)}`);
    this.name = 'NoMatchingProductsError';
  }
}

function matches(p: ProductProfile, f: ProductFilter): boolean {
  return (
    (f.product_id === undefined || p.productId === f.product_id) &&
    (f.category === undefined || p.category === f.category) &&
    (f.region === undefined || p.region === f.region) &&
    (f.min_rating === undefined || (p.rating !== null && p.rating >= f.min_rating)) &&
    (f.max_price === undefined || p.price <= f.max_price) &&
    (f.min_discount === undefined || p.discountPct >= f.min_discount)
  );
}

export const demandForecastFamily: ModelFamily<DemandForecastModel> = {
  name: 'demand-forecast',
  toState: (model) => model.state,
  fromState(raw) {
    const state = raw as DemandForecastState;
    if (!state || !Array.isArray(state.products) || !(state.horizon > 0)) throw new Error('demand-forecast state: expected { horizon, choice, products: [...] }');
    return new DemandForecastModel(state);
  },
  smokeTest(model) {
    if (model.state.products.length === 0) return;
    const f = model.forecast({ product_id: model.state.products[0]!.profile.productId }, 7);
    if (!f.forecast.mean.every((m) => Number.isFinite(m) && m >= 0)) throw new Error('a forecast of the first product is not a finite non-negative number');
  },
};
