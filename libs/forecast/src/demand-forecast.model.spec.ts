import { describe, expect, it } from 'vitest';
import { DemandForecastModel, NoMatchingProductsError, demandForecastFamily, type ProductHistory } from './demand-forecast.model';
import { weekdayOf } from './forecaster';
import { defaultGlobalModelOptions } from './global-neural.model';
import { intervalCoverage } from './accuracy-metrics';

const START_DAY = Date.UTC(2024, 0, 1) / 86_400_000;
const HORIZON = 28;

const LAST_DAY = START_DAY + 399;

/** A product whose history ends on LAST_DAY: trend, a weekend peak and noise. */
function history(id: string, category: string, days: number, seed: number, level: number, price = 20): ProductHistory {
  const startDay = LAST_DAY - days + 1;
  let s = seed >>> 0;
  const uniform = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const values = Array.from({ length: days }, (_, t) => {
    const mean = level * (1 + (startDay + t - START_DAY) / 365) * (weekdayOf(startDay + t) >= 5 ? 1.5 : 1);
    return Math.max(0, Math.round(mean + (uniform() - 0.5) * 2 * Math.sqrt(mean)));
  });
  return { profile: { productId: id, category, region: id.endsWith('N') ? 'north' : 'south', rating: 4, price, discountPct: 0 }, series: { startDay, values } };
}

describe('DemandForecastModel', () => {
  const catalogue = [history('P1N', 'toys', 400, 1, 30), history('P2S', 'toys', 400, 2, 10, 80), history('P3N', 'garden', 400, 3, 50), history('P4S', 'garden', 20, 4, 5)];

  it('beats seasonal naive on the days after its training data, product by product', async () => {
    const seen = catalogue.map((h) => ({ ...h, series: { ...h.series, values: h.series.values.slice(0, -HORIZON) } }));
    const model = await DemandForecastModel.train(seen);
    const actuals = new Map(catalogue.filter((h) => h.series.values.length > 200).map((h) => [h.profile.productId, h.series.values.slice(-HORIZON)]));
    const histories = new Map(seen.map((h) => [h.profile.productId, h.series.values]));
    const naiveOnly = new DemandForecastModel({ ...model.state, products: model.state.products.map((p) => ({ ...p, method: 'seasonal-naive' as const })) });
    expect(model.holdoutMase(actuals, histories)).toBeLessThan(0.8 * naiveOnly.holdoutMase(actuals, histories));
  });

  it("answers seed 001's filters by summing the matching products, and says which methods and how much history", async () => {
    const model = await DemandForecastModel.train(catalogue);
    const toys = model.forecast({ category: 'toys' }, 7);
    expect(toys.productIds.sort()).toEqual(['P1N', 'P2S']);
    const p1 = model.forecast({ product_id: 'P1N' }, 7);
    const p2 = model.forecast({ product_id: 'P2S' }, 7);
    toys.forecast.mean.forEach((m, d) => expect(m).toBeCloseTo(p1.forecast.mean[d]! + p2.forecast.mean[d]!, 9));
    // Independent errors: the sum's interval is narrower than the sum of the intervals.
    expect(toys.forecast.upper[0]! - toys.forecast.lower[0]!).toBeLessThan(p1.forecast.upper[0]! - p1.forecast.lower[0]! + (p2.forecast.upper[0]! - p2.forecast.lower[0]!));
    expect(model.forecast({ max_price: 50, region: 'north' }, 7).productIds.sort()).toEqual(['P1N', 'P3N']);
    expect(model.forecast({ category: 'garden' }, 7)).toMatchObject({ historyDays: 20, methods: { 'seasonal-naive': 1 } });
    expect(() => model.forecast({ min_rating: 4.5 }, 7)).toThrow(NoMatchingProductsError);
  });

  it('travels as a model artifact: state through JSON forecasts the same, and passes its smoke test', async () => {
    const model = await DemandForecastModel.train(catalogue);
    const restored = demandForecastFamily.fromState(JSON.parse(JSON.stringify(demandForecastFamily.toState(model))));
    expect(restored.forecast({ category: 'toys' }, 14)).toEqual(model.forecast({ category: 'toys' }, 14));
    expect(() => demandForecastFamily.smokeTest(restored)).not.toThrow();
    expect(() => demandForecastFamily.fromState({ products: 'no' })).toThrow(/expected/);
  });

  it('starts from the latest days it is given, without retraining', async () => {
    const model = await DemandForecastModel.train(catalogue);
    const later = new Map([['P1N', { startDay: LAST_DAY + 1, values: [300, 300, 300] }]]);
    const moved = model.forecast({ product_id: 'P1N' }, 7, 0.8, later);
    expect(moved.originDay).toBe(LAST_DAY + 3);
    // The decomposition's curve is a function of the date: three days on, it is the same curve.
    expect(moved.forecast.mean).toEqual(model.forecast({ product_id: 'P1N' }, 10).forecast.mean.slice(3));
    const naive = new DemandForecastModel({ ...model.state, products: model.state.products.map((p) => ({ ...p, method: 'seasonal-naive' as const })) });
    expect(naive.forecast({ product_id: 'P1N' }, 7, 0.8, later).forecast.mean.filter((m) => m === 300)).toHaveLength(3);
    expect(() => model.forecast({ product_id: 'P1N' }, 29)).toThrow(/1 to 28 days/);
  });
});

describe('DemandForecastModel with the global network', () => {
  const neural = { ...defaultGlobalModelOptions, epochs: 4, hiddenUnits: 16, maxWindowsPerSeries: 60 };
  const catalogue = Array.from({ length: 8 }, (_, i) => history(`G${i}${i % 2 ? 'N' : 'S'}`, i < 4 ? 'toys' : 'garden', 400, 11 + i, 5 + 5 * i));

  it('backtests it beside the per-product methods, reports progress, and travels as an artifact', async () => {
    const epochs: string[] = [];
    const model = await DemandForecastModel.train(catalogue, { horizon: HORIZON, origins: 2, neural }, (p) => p.epoch !== undefined && epochs.push(`${p.model}:${p.epoch}`));
    for (const category of ['toys', 'garden']) {
      expect(Object.keys(model.state.backtest[category]!).sort()).toEqual(['decomposition', 'global', 'seasonal-naive']);
      const scores = model.state.backtest[category]!;
      expect(scores[model.state.choice[category]!]).toBe(Math.min(...Object.values(scores)));
    }
    expect(epochs.filter((s) => s.startsWith('validation:'))).toHaveLength(neural.epochs);
    // A global network is kept only when some category chose it.
    expect(model.state.global !== null).toBe(Object.values(model.state.choice).includes('global'));

    // On the days after training, the ensemble beats seasonal naive and its 80% intervals hold about 80% of actual days.
    const seen = catalogue.map((h) => ({ ...h, series: { ...h.series, values: h.series.values.slice(0, -HORIZON) } }));
    const heldOut = await DemandForecastModel.train(seen, { horizon: HORIZON, origins: 2, neural });
    const actuals = new Map(catalogue.map((h) => [h.profile.productId, h.series.values.slice(-HORIZON)]));
    const histories = new Map(seen.map((h) => [h.profile.productId, h.series.values]));
    const naiveOnly = new DemandForecastModel({ ...heldOut.state, global: null, products: heldOut.state.products.map((p) => ({ ...p, method: 'seasonal-naive' as const })) });
    expect(heldOut.holdoutMase(actuals, histories)).toBeLessThan(0.9 * naiveOnly.holdoutMase(actuals, histories));
    const { forecasts } = heldOut.forecastEach(HORIZON, 0.8);
    const coverage = mean([...forecasts].map(([id, f]) => intervalCoverage(actuals.get(id)!, f.lower, f.upper)));
    expect(coverage).toBeGreaterThan(0.65);
    expect(coverage).toBeLessThan(0.95);

    const withGlobal = await DemandForecastModel.train(catalogue, { horizon: HORIZON, origins: 1, neural: { ...neural, epochs: 1 }, methods: ['global'] });
    expect(withGlobal.forecast({ category: 'toys' }, 7).methods).toEqual({ global: 4 });
    const raw = JSON.parse(JSON.stringify(demandForecastFamily.toState(withGlobal)));
    await demandForecastFamily.prepare!();
    const restored = demandForecastFamily.fromState(raw);
    expect(restored.forecast({ category: 'toys' }, 14)).toEqual(withGlobal.forecast({ category: 'toys' }, 14));
  });
});

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
