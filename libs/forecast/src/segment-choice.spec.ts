import { describe, expect, it } from 'vitest';
import { DecompositionForecaster, FittedDecomposition } from './decomposition.forecaster';
import { weekdayOf, type DailySeries } from './forecaster';
import { SeasonalNaiveForecaster } from './seasonal-naive.forecaster';
import { chooseBySegment } from './segment-choice';

const START_DAY = Date.UTC(2024, 0, 1) / 86_400_000;

function series(days: number, seed: number, shape: 'trend' | 'jumps'): DailySeries {
  let s = seed >>> 0;
  const uniform = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  let level = 50;
  const values = Array.from({ length: days }, (_, t) => {
    const weekly = weekdayOf(START_DAY + t) >= 5 ? 1.6 : 1;
    if (shape === 'jumps') {
      // The level walks in big steps every week: last week is the best guess of next week.
      if (t % 7 === 0) level = Math.max(5, level * (0.6 + 0.8 * uniform()));
      return Math.round(level * weekly);
    }
    const mean = 30 * (1 + t / 200) * weekly;
    return Math.max(0, Math.round(mean + (uniform() - 0.5) * 2 * Math.sqrt(mean)));
  });
  return { startDay: START_DAY, values };
}

describe('chooseBySegment', () => {
  const forecasters = [new SeasonalNaiveForecaster(), new DecompositionForecaster()];

  it('picks, per segment, the method with the lower backtest MASE', () => {
    const segments = new Map([
      ['steady-growth', [1, 2, 3].map((seed) => series(300, seed, 'trend'))],
      ['level-jumps', [4, 5, 6].map((seed) => series(300, seed, 'jumps'))],
      ['too-new', [series(10, 7, 'trend')]],
    ]);
    const choices = chooseBySegment(segments, forecasters, { horizon: 14, origins: 4, step: 14 });
    const bySegment = Object.fromEntries(choices.map((c) => [c.segment, c]));
    expect(bySegment['steady-growth']).toMatchObject({ model: 'decomposition', series: 3 });
    expect(bySegment['level-jumps']).toMatchObject({ model: 'seasonal-naive', series: 3 });
    expect(bySegment['steady-growth']!.mase['decomposition']).toBeLessThan(bySegment['steady-growth']!.mase['seasonal-naive']!);
    expect(bySegment['too-new']).toMatchObject({ model: 'seasonal-naive', series: 0 });
  });
});

describe('FittedDecomposition', () => {
  it('forecasts identically from its state after JSON, as a trained artifact would', () => {
    const fitted = new DecompositionForecaster().fit(series(200, 9, 'trend'));
    const restored = new FittedDecomposition(JSON.parse(JSON.stringify(fitted.state)));
    expect(restored.forecast({ horizon: 14 })).toEqual(fitted.forecast({ horizon: 14 }));
    expect(() => new FittedDecomposition({ ...fitted.state, coefficients: [1, 2] })).toThrow(/do not match/);
  });
});
