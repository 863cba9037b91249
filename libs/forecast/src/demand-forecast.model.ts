import type { ModelFamily } from '#models';
import { mase } from './accuracy-metrics';
import { DecompositionForecaster, FittedDecomposition, type FittedDecompositionState } from './decomposition.forecaster';
import type { DailySeries, SeriesForecast } from './forecaster';
import { GlobalNeuralModel, type GlobalModelOptions, type GlobalModelState, type ProductSeries, type TrainingProgress } from './global-neural.model';
import { normalQuantile } from './normal-quantile';
import { SeasonalNaiveForecaster } from './seasonal-naive.forecaster';
import { chooseBySegment } from './segment-choice';
import { tensorflowBackend } from './tensorflow-backend';

/** What the shop knows about a product: the filters of seed 001's /forecast work on these. */
export interface ProductProfile {
  productId: string;
  category: string;
  region: string;
  rating: number | null;
  price: number;
  /** Latest discount, percent. */
  discountPct: number;
  description?: string;
  /** A local image file of the product, for image features (URLs are not fetched). */
  imagePath?: string;
}

export interface ProductHistory {
  profile: ProductProfile;
  series: DailySeries;
  /** The product's embedding (description, image), when the caller computed one. */
  embedding?: readonly number[];
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

export type ForecastMethod = 'decomposition' | 'seasonal-naive' | 'global';

interface ProductState {
  profile: ProductProfile;
  historyDays: number;
  method: ForecastMethod;
  decomposition: FittedDecompositionState | null;
  /** The last days of history (the global model's window), for the window-based methods. */
  recent: DailySeries;
  embedding?: number[];
}

export interface DemandForecastState {
  horizon: number;
  /** Epoch day of the last day of training history: every product's history ends on it. */
  lastDay: number;
  /** Method per category, chosen by backtest. */
  choice: Record<string, ForecastMethod>;
  /** Mean backtest MASE per category and method, behind the choice. */
  backtest: Record<string, Partial<Record<ForecastMethod, number>>>;
  products: ProductState[];
  global: GlobalModelState | null;
}

export interface DemandForecastTraining {
  horizon: number;
  /** Rolling origins per category for the decomposition and seasonal naive. */
  origins: number;
  /** The global neural model's settings; null trains without it. */
  neural: GlobalModelOptions | null;
  /** The methods a category may choose among (default: every one trained). */
  methods?: readonly ForecastMethod[];
}

export const defaultDemandForecastTraining: DemandForecastTraining = { horizon: 28, origins: 3, neural: null };
const ALL_METHODS: readonly ForecastMethod[] = ['decomposition', 'seasonal-naive', 'global'];

export interface DemandTrainingProgress extends TrainingProgress {
  /** `validation`: the global model trained to be backtested; `final`: the one that serves. */
  model?: 'validation' | 'final';
  message: string;
}

/** A filtered forecast: the matching products' demand summed, with an interval from their spreads. */
export interface AggregateForecast {
  productIds: string[];
  /** Epoch day of the last day of history: the forecast starts the day after. */
  originDay: number;
  forecast: SeriesForecast;
  /** Products forecast by each method. */
  methods: Record<string, number>;
  /** Shortest history among the products. */
  historyDays: number;
}

/** Newer daily sales per product (ending on a common day), so forecasts start from the latest data without retraining. */
export type LatestDemand = ReadonlyMap<string, DailySeries>;

/** Planned discount share (0–1) per product for the days after the forecast origin: promotions known ahead. */
export type PlannedDiscounts = ReadonlyMap<string, readonly number[]>;

const RECENT_DAYS = 30;
const MIN_DAYS = 14;

/**
 * The trained demand model of a whole catalogue (seed 000's ensemble): for each category the
 * method that backtested best among a global neural network over all products, a per-product
 * Prophet-style decomposition and seasonal naive. Forecasts for any filter come from it without
 * training; window-based methods start from the latest days they are given.
 */
export class DemandForecastModel {
  private readonly naive = new SeasonalNaiveForecaster();
  private readonly global: GlobalNeuralModel | null;

  /** A state with a global model needs `tensorflowBackend()` resolved first (train and the family do it). */
  private readonly byId: ReadonlyMap<string, ProductState>;

  constructor(readonly state: DemandForecastState) {
    this.global = state.global ? GlobalNeuralModel.restore(state.global) : null;
    this.byId = new Map(state.products.map((p) => [p.profile.productId, p]));
  }

  /** The last days of a product's training history (undefined for a product the model does not know). */
  recentDemand(productId: string): DailySeries | undefined {
    return this.byId.get(productId)?.recent;
  }

  /**
   * Fits every product on all its history (series must all end on the same day). The caller
   * evaluates by training on history that stops `horizon` days earlier and scoring those days
   * with `holdoutMase`.
   */
  static async train(
    histories: readonly ProductHistory[],
    options: DemandForecastTraining = defaultDemandForecastTraining,
    onProgress: (p: DemandTrainingProgress) => void = () => undefined,
  ): Promise<DemandForecastModel> {
    const usable = histories.filter((h) => h.series.values.length >= MIN_DAYS);
    if (usable.length === 0) throw new RangeError(`no product has ${MIN_DAYS} days of history to train on`);
    const lastDay = usable[0]!.series.startDay + usable[0]!.series.values.length - 1;
    const misaligned = usable.find((h) => h.series.startDay + h.series.values.length - 1 !== lastDay);
    if (misaligned) throw new RangeError(`every history must end on the same day; ${misaligned.profile.productId} does not`);

    onProgress({ stage: 'windows', message: `backtesting decomposition and seasonal naive by category (${options.origins} origins)` });
    const decomposition = new DecompositionForecaster();
    const byCategory = groupBy(usable, (h) => h.profile.category);
    const backtest: DemandForecastState['backtest'] = {};
    const classical = chooseBySegment(new Map([...byCategory].map(([c, hs]) => [c, hs.map((h) => h.series)])), [new SeasonalNaiveForecaster(), decomposition], {
      horizon: options.horizon,
      origins: options.origins,
      step: options.horizon,
    });
    for (const c of classical) backtest[c.segment] = c.series > 0 ? (c.mase as Partial<Record<ForecastMethod, number>>) : {};

    if (options.neural) {
      const scores = await backtestGlobal(usable, options.neural, options.horizon, onProgress);
      for (const [category, score] of scores) backtest[category] = { ...backtest[category], global: score };
    }
    const allowed = options.methods ?? ALL_METHODS;
    const choice = Object.fromEntries([...byCategory.keys()].map((c) => [c, bestMethod(backtest[c] ?? {}, allowed)]));

    let global: GlobalNeuralModel | null = null;
    if (options.neural && Object.values(choice).includes('global')) {
      onProgress({ stage: 'training', model: 'final', message: 'training the global model on all history' });
      global = await GlobalNeuralModel.train(usable.map(productSeries), options.neural, (p) => onProgress({ ...p, model: 'final', message: describe(p, 'final') }));
    }
    const window = global?.options.window ?? Number.POSITIVE_INFINITY;
    const keep = Math.max(RECENT_DAYS, options.neural?.window ?? 0);
    const products = usable.map((h): ProductState => {
      const n = h.series.values.length;
      const canDecompose = n >= decomposition.minHistory;
      const chosen = choice[h.profile.category]!;
      const method: ForecastMethod = chosen === 'global' && n >= window ? 'global' : chosen !== 'seasonal-naive' && canDecompose ? 'decomposition' : 'seasonal-naive';
      return {
        profile: h.profile,
        historyDays: n,
        method,
        decomposition: canDecompose ? decomposition.fit(h.series).state : null,
        recent: tail(h.series, keep),
        ...(h.embedding ? { embedding: [...h.embedding] } : {}),
      };
    });
    const model = new DemandForecastModel({ horizon: options.horizon, lastDay, choice, backtest, products, global: global?.toState() ?? null });
    global?.dispose();
    return model;
  }

  matching(filter: ProductFilter): ProductProfile[] {
    return this.state.products.map((p) => p.profile).filter((p) => matches(p, filter));
  }

  /** Forecasts of the matching products summed; starts after the latest day of `latest` when given. */
  forecast(filter: ProductFilter, horizon: number, level = 0.8, latest?: LatestDemand): AggregateForecast {
    const products = this.state.products.filter((p) => matches(p.profile, filter));
    if (products.length === 0) throw new NoMatchingProductsError(filter);
    const each = this.forecastProducts(products, horizon, level, latest);
    const z = normalQuantile((1 + level) / 2);
    const mean = new Array<number>(horizon).fill(0);
    const variance = new Array<number>(horizon).fill(0);
    const methods: Record<string, number> = {};
    products.forEach((p, i) => {
      const f = each.forecasts[i]!;
      methods[p.method] = (methods[p.method] ?? 0) + 1;
      for (let d = 0; d < horizon; d++) {
        mean[d]! += f.mean[d]!;
        // Products' errors are taken as independent: spreads add in quadrature.
        variance[d]! += ((f.upper[d]! - f.lower[d]!) / (2 * z)) ** 2;
      }
    });
    return {
      productIds: products.map((p) => p.profile.productId),
      originDay: each.originDay,
      forecast: { mean, lower: mean.map((m, d) => Math.max(0, m - z * Math.sqrt(variance[d]!))), upper: mean.map((m, d) => m + z * Math.sqrt(variance[d]!)), level },
      methods,
      historyDays: Math.min(...products.map((p) => p.historyDays)),
    };
  }

  /** One forecast per product of the catalogue (or of `productIds`), batched: what is published daily. */
  forecastEach(
    horizon: number,
    level = 0.8,
    latest?: LatestDemand,
    productIds?: ReadonlySet<string>,
    planned?: PlannedDiscounts,
  ): { originDay: number; forecasts: Map<string, SeriesForecast> } {
    const products = productIds ? this.state.products.filter((p) => productIds.has(p.profile.productId)) : this.state.products;
    const each = this.forecastProducts(products, horizon, level, latest, planned);
    return { originDay: each.originDay, forecasts: new Map(products.map((p, i) => [p.profile.productId, each.forecasts[i]!])) };
  }

  /** The last day of history forecasts start after: the training data's, or the latest data's when newer. */
  originDay(latest?: LatestDemand): number {
    let day = this.state.lastDay;
    for (const s of latest?.values() ?? []) day = Math.max(day, endDay(s));
    return day;
  }

  /**
   * Mean MASE of this model's product forecasts against the `actuals` that followed its training
   * data, given the promotions `planned` for those days, if known.
   */
  holdoutMase(actuals: ReadonlyMap<string, readonly number[]>, histories: ReadonlyMap<string, readonly number[]>, planned?: PlannedDiscounts): number {
    const scored = this.state.products.filter((p) => actuals.has(p.profile.productId) && (histories.get(p.profile.productId)?.length ?? 0) > 7);
    if (scored.length === 0) throw new RangeError('no product has both a history and held-out days to score');
    const horizon = Math.min(...scored.map((p) => actuals.get(p.profile.productId)!.length));
    const { forecasts } = this.forecastProducts(scored, horizon, 0.8, undefined, planned);
    let total = 0;
    scored.forEach((p, i) => (total += mase(actuals.get(p.profile.productId)!.slice(0, horizon), forecasts[i]!.mean, histories.get(p.profile.productId)!)));
    return total / scored.length;
  }

  private forecastProducts(
    products: readonly ProductState[],
    horizon: number,
    level: number,
    latest?: LatestDemand,
    planned?: PlannedDiscounts,
  ): { originDay: number; forecasts: SeriesForecast[] } {
    if (!(horizon >= 1 && horizon <= this.state.horizon)) throw new RangeError(`this model forecasts 1 to ${this.state.horizon} days, asked for ${horizon}`);
    const originDay = this.originDay(latest);
    const inputs = products.map((p) => withLatest(p.recent, latest?.get(p.profile.productId), originDay));
    const forecasts = new Array<SeriesForecast>(products.length);
    const neural: number[] = [];
    products.forEach((p, i) => {
      if (p.method === 'global' && this.global) neural.push(i);
      else if (p.method === 'decomposition' && p.decomposition) {
        // The fitted curve is a function of the date: skip the days that passed since training.
        const skip = originDay - this.state.lastDay;
        const promotions = planned?.get(p.profile.productId);
        const input = inputs[i]!;
        const passed = Array.from({ length: skip }, (_, d) => input.discounts?.[input.values.length - skip + d] ?? 0);
        const futureDiscounts = promotions ? [...passed, ...promotions] : undefined;
        const f = new FittedDecomposition(p.decomposition).forecast({ horizon: horizon + skip, level, futureDiscounts });
        forecasts[i] = { mean: f.mean.slice(skip), lower: f.lower.slice(skip), upper: f.upper.slice(skip), level };
      } else forecasts[i] = this.naive.fit(inputs[i]!).forecast({ horizon, level });
    });
    if (neural.length > 0) {
      const batch = this.global!.forecastMany(
        neural.map((i) => {
          const promotions = planned?.get(products[i]!.profile.productId);
          return { ...inputs[i]!, ...seriesFacts(products[i]!.profile, products[i]!.embedding), ...(promotions ? { plannedDiscounts: promotions } : {}) };
        }),
        { horizon, level },
      );
      neural.forEach((i, k) => (forecasts[i] = batch[k]!));
    }
    return { originDay, forecasts };
  }
}

export class NoMatchingProductsError extends Error {
  constructor(readonly filter: ProductFilter) {
    super(`no product matches ${JSON.stringify(filter)}`);
    this.name = 'NoMatchingProductsError';
  }
}

/**
 * The global model's backtest: trained without each series' last `horizon` days and scored on
 * them, one origin (a training per origin is its cost). Mean MASE per category.
 */
async function backtestGlobal(histories: readonly ProductHistory[], options: GlobalModelOptions, horizon: number, onProgress: (p: DemandTrainingProgress) => void): Promise<Map<string, number>> {
  const cut = histories.filter((h) => h.series.values.length - horizon >= options.window + 2 * options.horizon);
  if (cut.length === 0) return new Map();
  onProgress({ stage: 'training', model: 'validation', message: `training the global model without the last ${horizon} days, to backtest it` });
  const seen = cut.map((h) => ({ ...h, series: { ...h.series, values: h.series.values.slice(0, -horizon), discounts: h.series.discounts?.slice(0, -horizon) } }));
  let model: GlobalNeuralModel;
  try {
    model = await GlobalNeuralModel.train(seen.map(productSeries), options, (p) => onProgress({ ...p, model: 'validation', message: describe(p, 'validation') }));
  } catch (err) {
    if (err instanceof RangeError) return new Map(); // too little history for it: not part of the choice
    throw err;
  }
  try {
    const forecasts = model.forecastMany(
      seen.map((h, i) => {
        const promotions = cut[i]!.series.discounts?.slice(-horizon);
        return { ...productSeries(h), ...(promotions ? { plannedDiscounts: promotions } : {}) };
      }),
      { horizon },
    );
    const sums = new Map<string, { total: number; count: number }>();
    seen.forEach((h, i) => {
      const score = mase(cut[i]!.series.values.slice(-horizon), forecasts[i]!.mean, h.series.values);
      const s = sums.get(h.profile.category) ?? { total: 0, count: 0 };
      sums.set(h.profile.category, { total: s.total + score, count: s.count + 1 });
    });
    return new Map([...sums].map(([c, s]) => [c, s.total / s.count]));
  } finally {
    model.dispose();
  }
}

function bestMethod(scores: Partial<Record<ForecastMethod, number>>, allowed: readonly ForecastMethod[]): ForecastMethod {
  let best: ForecastMethod = allowed.includes('decomposition') ? 'decomposition' : allowed[0]!;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const method of allowed) {
    const score = scores[method];
    if (score !== undefined && Number.isFinite(score) && score < bestScore) [best, bestScore] = [method, score];
  }
  return best;
}

function describe(p: TrainingProgress, model: 'validation' | 'final'): string {
  const which = model === 'final' ? 'global model' : 'global model (backtest)';
  if (p.stage !== 'training') return `${which}: ${p.stage}`;
  const loss = p.loss === undefined ? '' : ` - loss=${p.loss.toFixed(4)}`;
  const val = p.validationLoss === undefined ? '' : ` val_loss=${p.validationLoss.toFixed(4)}`;
  return `${which} epoch ${p.epoch}/${p.epochs}${loss}${val}`;
}

function productSeries(h: ProductHistory): ProductSeries {
  return { ...h.series, ...seriesFacts(h.profile, h.embedding) };
}

function seriesFacts(profile: ProductProfile, embedding?: readonly number[]): Omit<ProductSeries, keyof DailySeries> {
  return { key: profile.productId, category: profile.category, region: profile.region, description: profile.description, ...(embedding ? { embedding } : {}) };
}

function endDay(s: DailySeries): number {
  return s.startDay + s.values.length - 1;
}

function tail(s: DailySeries, days: number): DailySeries {
  const n = s.values.length;
  const from = Math.max(0, n - days);
  return { startDay: s.startDay + from, values: s.values.slice(from), discounts: s.discounts?.slice(from) };
}

/** `recent` continued by `latest` (which wins where they overlap) up to `originDay`, days without sales as 0. */
function withLatest(recent: DailySeries, latest: DailySeries | undefined, originDay: number): DailySeries {
  if (!latest && endDay(recent) === originDay) return recent;
  const values: number[] = [];
  const discounts: number[] = [];
  for (let day = recent.startDay; day <= originDay; day++) {
    const fromLatest = latest && day >= latest.startDay && day <= endDay(latest) ? day - latest.startDay : -1;
    const fromRecent = day <= endDay(recent) ? day - recent.startDay : -1;
    values.push(fromLatest >= 0 ? latest!.values[fromLatest]! : fromRecent >= 0 ? recent.values[fromRecent]! : 0);
    const discount = fromLatest >= 0 ? latest!.discounts?.[fromLatest] : fromRecent >= 0 ? recent.discounts?.[fromRecent] : discounts.at(-1);
    discounts.push(discount ?? 0);
  }
  return tail({ startDay: recent.startDay, values, discounts }, Math.max(RECENT_DAYS, recent.values.length));
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
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
  prepare: async () => {
    await tensorflowBackend();
  },
  fromState(raw) {
    const state = raw as DemandForecastState;
    if (!state || !Array.isArray(state.products) || !(state.horizon > 0) || !Number.isInteger(state.lastDay)) {
      throw new Error('demand-forecast state: expected { horizon, lastDay, choice, products: [...], global }');
    }
    return new DemandForecastModel(state);
  },
  smokeTest(model) {
    if (model.state.products.length === 0) return;
    const { forecasts } = model.forecastEach(7);
    for (const [id, f] of forecasts) if (!f.mean.every((m) => Number.isFinite(m) && m >= 0)) throw new Error(`the forecast of ${id} is not a finite non-negative number`);
  },
};
