import { describe, expect, it } from 'vitest';
import { intervalCoverage, mase } from './accuracy-metrics';
import { weekdayOf } from './forecaster';
import { GlobalNeuralModel, defaultGlobalModelOptions, type ProductSeries, type TrainingProgress } from './global-neural.model';
import { hashedFeatures } from './hashing-featurizer';
import { SeasonalNaiveForecaster } from './seasonal-naive.forecaster';

const START_DAY = Date.UTC(2024, 0, 1) / 86_400_000;
const HORIZON = 28;

/** Products with different levels, trends and weekly shapes; Poisson-like noise; promotions. */
function products(count: number, days: number, seed = 3): ProductSeries[] {
  let s = seed >>> 0;
  const uniform = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Array.from({ length: count }, (_, p) => {
    const level = 5 + 60 * uniform();
    const growth = (uniform() - 0.3) / 400;
    const weekend = 1 + uniform();
    const values: number[] = [];
    const discounts: number[] = [];
    for (let t = 0; t < days; t++) {
      const discount = (t + p * 7) % 50 < 4 ? 0.25 : 0;
      const wd = weekdayOf(START_DAY + t);
      const mean = level * (1 + growth * t) * (wd === 0 || wd === 6 ? weekend : 1) * (1 + 2 * discount);
      const noise = Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
      values.push(Math.max(0, Math.round(mean + noise * Math.sqrt(mean))));
      discounts.push(discount);
    }
    return { key: `P${p}`, category: p % 2 === 0 ? 'toys' : 'garden', region: 'north', description: `product ${p}`, startDay: START_DAY, values, discounts };
  });
}

describe('GlobalNeuralModel', () => {
  const all = products(40, 420);
  // What the model may see: everything but the last 28 days, which are scored.
  const seen = all.map((s) => ({ ...s, values: s.values.slice(0, -HORIZON), discounts: s.discounts!.slice(0, -HORIZON) }));
  const progress: TrainingProgress[] = [];
  const trained = GlobalNeuralModel.train(seen, { ...defaultGlobalModelOptions, horizon: HORIZON, epochs: 15 }, (p) => progress.push(p));

  it('learns across products: beats seasonal naive on MASE over 28 days it never saw', async () => {
    const model = await trained;
    const forecasts = all.map((s, i) => model.forecast(seen[i]!, { horizon: HORIZON, futureDiscounts: s.discounts!.slice(-HORIZON) }));
    const naive = new SeasonalNaiveForecaster();
    let globalMase = 0;
    let naiveMase = 0;
    let inside = 0;
    all.forEach((s, i) => {
      const actual = s.values.slice(-HORIZON);
      globalMase += mase(actual, forecasts[i]!.mean, seen[i]!.values);
      naiveMase += mase(actual, naive.fit(seen[i]!).forecast({ horizon: HORIZON }).mean, seen[i]!.values);
      inside += intervalCoverage(actual, forecasts[i]!.lower, forecasts[i]!.upper);
    });
    expect(globalMase / all.length).toBeLessThan(0.85 * (naiveMase / all.length));
    // 80% intervals, calibrated on 40 held-out windows: within 15 points.
    expect(inside / all.length).toBeGreaterThan(0.65);
    expect(inside / all.length).toBeLessThan(0.95);
  }, 60_000);

  it('reports progress per epoch with training and validation loss', async () => {
    await trained;
    const epochs = progress.filter((p) => p.stage === 'training');
    expect(epochs).toHaveLength(15);
    expect(epochs[14]!.loss!).toBeLessThan(epochs[0]!.loss!);
    expect(epochs.every((p) => Number.isFinite(p.validationLoss))).toBe(true);
  }, 60_000);

  it('forecasts identically after its state goes through JSON', async () => {
    const model = await trained;
    const restored = await GlobalNeuralModel.fromState(JSON.parse(JSON.stringify(model.toState())));
    const a = model.forecast(seen[0]!, { horizon: 7 });
    const b = restored.forecast(seen[0]!, { horizon: 7 });
    b.mean.forEach((m, d) => expect(m).toBeCloseTo(a.mean[d]!, 6));
    expect(() => model.forecast(seen[0]!, { horizon: 40 })).toThrow(/up to 28 days/);
    restored.dispose();
  }, 60_000);
});

describe('hashedFeatures', () => {
  it('maps tokens to a unit vector, the same tokens to the same vector', () => {
    const a = hashedFeatures(['category:toys', 'red', 'car'], 16);
    expect(a).toHaveLength(16);
    expect(Math.hypot(...a)).toBeCloseTo(1, 12);
    expect(hashedFeatures(['category:toys', 'red', 'car'], 16)).toEqual(a);
    expect(hashedFeatures(['category:garden'], 16)).not.toEqual(a);
    expect(hashedFeatures([], 8)).toEqual(new Array(8).fill(0));
  });
});
