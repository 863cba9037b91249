import { quantile, type DailySeries, type FittedForecaster, type ForecastOptions, type Forecaster, type SeriesForecast } from './forecaster';

const WEEK = 7;

/**
 * The baseline every model must beat: each future day repeats the same weekday of the last week.
 * Its interval comes from the history's own week-over-week changes, wider for later weeks.
 */
export class SeasonalNaiveForecaster implements Forecaster {
  readonly name = 'seasonal-naive';
  readonly minHistory = 2 * WEEK;

  fit(series: DailySeries): FittedForecaster {
    const y = series.values;
    if (y.length < this.minHistory) throw new RangeError(`seasonal naive needs ${this.minHistory} days of history, got ${y.length}`);
    const lastWeek = y.slice(-WEEK);
    const changes = y.slice(WEEK).map((v, t) => v - y[t]!);
    return {
      forecast({ horizon, level = 0.8 }: ForecastOptions): SeriesForecast {
        const low = quantile(changes, (1 - level) / 2);
        const high = quantile(changes, (1 + level) / 2);
        const out: SeriesForecast = { mean: [], lower: [], upper: [], level };
        for (let h = 0; h < horizon; h++) {
          const mean = lastWeek[h % WEEK]!;
          // A change per week ahead; independent weeks add up like a random walk.
          const widen = Math.sqrt(Math.floor(h / WEEK) + 1);
          out.mean.push(mean);
          out.lower.push(Math.max(0, mean + low * widen));
          out.upper.push(Math.max(0, mean + high * widen));
        }
        return out;
      },
    };
  }
}
