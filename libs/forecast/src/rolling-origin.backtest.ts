import { intervalCoverage, mase, rmsse, smape } from './accuracy-metrics';
import type { DailySeries, Forecaster } from './forecaster';

export interface BacktestOptions {
  horizon: number;
  /** Forecast origins, the last one `horizon` days before the end, each `step` days before the next. */
  origins: number;
  step: number;
  /** Nominal interval coverage (default 0.8). */
  level?: number;
}

export interface ModelBacktest {
  model: string;
  /** Mean over origins. */
  mase: number;
  smape: number;
  rmsse: number;
  /** Share of actual days inside the interval, over all origins; compare with `level`. */
  coverage: number;
  level: number;
  origins: number;
  fitSeconds: number;
}

/**
 * Rolling-origin evaluation: at each origin the model sees only the days before it and forecasts
 * the next `horizon` days, which are then compared with what happened. Origins with too little
 * history for a model are skipped for it.
 */
export function rollingOriginBacktest(series: DailySeries, forecasters: readonly Forecaster[], options: BacktestOptions): ModelBacktest[] {
  const { horizon, origins, step, level = 0.8 } = options;
  const n = series.values.length;
  return forecasters.map((forecaster) => {
    const scores = { mase: 0, smape: 0, rmsse: 0, inside: 0, days: 0, origins: 0, fitSeconds: 0 };
    for (let k = 0; k < origins; k++) {
      const cut = n - horizon - k * step;
      if (cut < forecaster.minHistory) break;
      const history = series.values.slice(0, cut);
      const actual = series.values.slice(cut, cut + horizon);
      const started = performance.now();
      const fitted = forecaster.fit({ startDay: series.startDay, values: history, discounts: series.discounts?.slice(0, cut) });
      const forecast = fitted.forecast({ horizon, level, futureDiscounts: series.discounts?.slice(cut, cut + horizon) });
      scores.fitSeconds += (performance.now() - started) / 1000;
      scores.mase += mase(actual, forecast.mean, history);
      scores.smape += smape(actual, forecast.mean);
      scores.rmsse += rmsse(actual, forecast.mean, history);
      scores.inside += intervalCoverage(actual, forecast.lower, forecast.upper) * actual.length;
      scores.days += actual.length;
      scores.origins++;
    }
    if (scores.origins === 0) throw new RangeError(`${forecaster.name}: no origin leaves ${forecaster.minHistory} days of history in ${n} days`);
    return {
      model: forecaster.name,
      mase: scores.mase / scores.origins,
      smape: scores.smape / scores.origins,
      rmsse: scores.rmsse / scores.origins,
      coverage: scores.inside / scores.days,
      level,
      origins: scores.origins,
      fitSeconds: scores.fitSeconds,
    };
  });
}
