import { describe, expect, it } from 'vitest';
import { intervalCoverage, mase, rmsse, smape } from './accuracy-metrics';
import { DecompositionForecaster } from './decomposition.forecaster';
import { quantile, weekdayOf, type DailySeries } from './forecaster';
import { HEALTHY, inventoryLevels } from './inventory-policy';
import { normalQuantile } from './normal-quantile';
import { ridgeRegression } from './ridge-regression';
import { rollingOriginBacktest } from './rolling-origin.backtest';
import { SeasonalNaiveForecaster } from './seasonal-naive.forecaster';

const START_DAY = Date.UTC(2024, 0, 1) / 86_400_000;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Daily units with a known shape: growing trend, weekend peak, yearly cycle, promotions, Poisson-like noise. */
function shopSeries(days: number, seed = 1, level = 40): DailySeries & { expected: number[] } {
  const uniform = lcg(seed);
  const values: number[] = [];
  const discounts: number[] = [];
  const expected: number[] = [];
  for (let t = 0; t < days; t++) {
    const day = START_DAY + t;
    const weekday = weekdayOf(day);
    const discount = t % 45 < 5 ? 0.3 : 0;
    const mean = level * (1 + t / 700) * (weekday === 0 || weekday === 6 ? 1.5 : 1) * (1 + 0.25 * Math.sin((2 * Math.PI * t) / 365.25)) * (1 + 2 * discount);
    // Normal approximation of Poisson noise, rounded to whole units.
    const noise = Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
    values.push(Math.max(0, Math.round(mean + noise * Math.sqrt(mean))));
    discounts.push(discount);
    expected.push(mean);
  }
  return { startDay: START_DAY, values, discounts, expected };
}

describe('accuracy metrics', () => {
  it('scale errors by the naive forecast of the history, as M4 and M5 do', () => {
    const history = [10, 12, 10, 12, 10, 12, 10, 12];
    expect(mase([11, 13], [10, 12], history, 1)).toBeCloseTo(0.5, 12); // naive error 2 per day
    expect(rmsse([11, 13], [10, 12], history)).toBeCloseTo(Math.sqrt(1 / 4), 12);
    expect(smape([100, 0], [50, 0])).toBeCloseTo((100 * (2 * 50) / 150) / 2, 9);
    expect(intervalCoverage([1, 5, 9], [0, 6, 8], [2, 7, 10])).toBeCloseTo(2 / 3, 12);
    expect(() => mase([1], [1], [5], 7)).toThrow(/more than 7 days/);
  });

  it('inverts the normal CDF', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5);
  });

  it('solves ridge regression (no penalty: least squares)', () => {
    const uniform = lcg(4);
    const rows = Array.from({ length: 200 }, () => [1, uniform(), uniform()]);
    const y = rows.map((r) => 2 + 3 * r[1]! - 1.5 * r[2]!);
    ridgeRegression(rows, y, [0, 0, 0]).forEach((b, j) => expect(b).toBeCloseTo([2, 3, -1.5][j]!, 6));
    const shrunk = ridgeRegression(rows, y, [0, 1e6, 0]);
    expect(Math.abs(shrunk[1]!)).toBeLessThan(0.01);
  });
});

describe('forecasters', () => {
  const series = shopSeries(2 * 365, 7);
  const backtest = rollingOriginBacktest(series, [new SeasonalNaiveForecaster(), new DecompositionForecaster()], { horizon: 28, origins: 8, step: 28, level: 0.8 });
  const [naive, decomposition] = backtest;

  it('the decomposition beats seasonal naive on MASE in a rolling-origin backtest of a series with known trend and cycles', () => {
    expect(naive!.origins).toBe(8);
    expect(decomposition!.mase).toBeLessThan(0.8 * naive!.mase);
    expect(decomposition!.rmsse).toBeLessThan(naive!.rmsse);
  });

  it('gives 80% intervals that hold about 80% of actual days (within 10 points)', () => {
    expect(decomposition!.coverage).toBeGreaterThan(0.7);
    expect(decomposition!.coverage).toBeLessThan(0.9);
    expect(naive!.coverage).toBeGreaterThan(0.6);
  });

  it('learns the promotion effect: a planned discount raises the forecast', () => {
    const fitted = new DecompositionForecaster().fit(series);
    const plain = fitted.forecast({ horizon: 7, futureDiscounts: new Array<number>(7).fill(0) });
    const promoted = fitted.forecast({ horizon: 7, futureDiscounts: new Array<number>(7).fill(0.3) });
    promoted.mean.forEach((m, d) => expect(m / plain.mean[d]!).toBeGreaterThan(1.3));
  });

  it('refuses a history too short to fit', () => {
    expect(() => new DecompositionForecaster().fit({ startDay: START_DAY, values: [1, 2, 3] })).toThrow(/28 days/);
  });
});

describe('inventory policy', () => {
  const forecast = { mean: new Array<number>(14).fill(10), lower: new Array<number>(14).fill(10 - 1.2815515655), upper: new Array<number>(14).fill(10 + 1.2815515655), level: 0.8 };

  it('derives safety stock, reorder point and levels from the forecast distribution', () => {
    // Each day: mean 10, σ 1 (an 80% interval of ±1.28). Lead time 4 days: demand 40, σ 2.
    const levels = inventoryLevels(forecast, { leadTimeDays: 4, serviceLevel: 0.95, reviewPeriodDays: 7, historyDays: 365 });
    expect(levels.leadTimeDemand).toBeCloseTo(40, 9);
    expect(levels.safetyStock).toBeCloseTo(1.644854 * 2, 4);
    expect(levels.reorderPoint).toBeCloseTo(40 + 1.644854 * 2, 4);
    expect(levels.minimumLevel).toBeCloseTo(levels.safetyStock, 12);
    expect(levels.maximumLevel).toBeCloseTo(levels.reorderPoint + 70, 4);
    expect(levels.warnings).toEqual([HEALTHY]);
  });

  it('warns of stock-out risk, reordering, overstock and thin history', () => {
    const options = { leadTimeDays: 4, serviceLevel: 0.95, reviewPeriodDays: 7, historyDays: 365 };
    expect(inventoryLevels(forecast, { ...options, onHand: 2 }).warnings[0]).toMatch(/Stock-out risk/);
    expect(inventoryLevels(forecast, { ...options, onHand: 40 }).warnings[0]).toMatch(/Reorder now/);
    expect(inventoryLevels(forecast, { ...options, onHand: 500 }).warnings[0]).toMatch(/Overstock/);
    expect(inventoryLevels(forecast, { ...options, historyDays: 20 }).warnings[0]).toMatch(/Only 20 days/);
    expect(() => inventoryLevels(forecast, { ...options, leadTimeDays: 10 })).toThrow(/covers 14 days/);
    expect(() => inventoryLevels(forecast, { ...options, serviceLevel: 1.2 })).toThrow(/service level/);
  });
});
