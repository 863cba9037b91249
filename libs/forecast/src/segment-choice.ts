import type { DailySeries, Forecaster } from './forecaster';
import { rollingOriginBacktest, type BacktestOptions } from './rolling-origin.backtest';

export interface SegmentChoice {
  segment: string;
  /** The forecaster with the lowest mean MASE over the segment's series in the backtest. */
  model: string;
  /** Mean MASE per forecaster. */
  mase: Record<string, number>;
  /** Series that had enough history to be backtested. */
  series: number;
}

/**
 * Which method to trust for each product segment (e.g. a category): every forecaster is backtested
 * by rolling origin on the segment's series (at most `maxSeriesPerSegment`, the busiest), and the
 * lowest mean MASE wins. A segment with no series long enough falls back to the first forecaster.
 */
export function chooseBySegment(
  segments: ReadonlyMap<string, readonly DailySeries[]>,
  forecasters: readonly Forecaster[],
  options: BacktestOptions & { maxSeriesPerSegment?: number },
): SegmentChoice[] {
  return [...segments].map(([segment, series]) => {
    const busiest = [...series].sort((a, b) => total(b) - total(a)).slice(0, options.maxSeriesPerSegment ?? 50);
    const sums = new Map(forecasters.map((f) => [f.name, 0]));
    let backtested = 0;
    for (const s of busiest) {
      try {
        const results = rollingOriginBacktest(s, forecasters, options);
        results.forEach((r) => sums.set(r.model, sums.get(r.model)! + r.mase));
        backtested++;
      } catch (err) {
        if (!(err instanceof RangeError)) throw err; // too short for a model: not part of the choice
      }
    }
    const mase = Object.fromEntries([...sums].map(([model, sum]) => [model, backtested > 0 ? sum / backtested : Number.NaN]));
    const model = backtested > 0 ? [...sums].reduce((best, entry) => (entry[1] < best[1] ? entry : best))[0] : forecasters[0]!.name;
    return { segment, model, mase, series: backtested };
  });
}

function total(s: DailySeries): number {
  return s.values.reduce((a, b) => a + b, 0);
}
