/** Daily demand of one series (a product, or a segment's sum), oldest first. */
export interface DailySeries {
  /** Days since 1970-01-01 (UTC) of `values[0]`. */
  startDay: number;
  /** Units per day, ≥ 0; a day without sales is 0, not missing. */
  values: readonly number[];
  /** Discount share (0–1) per day, aligned with `values`; omitted when unknown. */
  discounts?: readonly number[];
}

export interface SeriesForecast {
  /** Point forecast per day from the day after the series ends. */
  mean: number[];
  lower: number[];
  upper: number[];
  /** Nominal coverage of [lower, upper], e.g. 0.8. */
  level: number;
}

export interface ForecastOptions {
  horizon: number;
  /** Nominal coverage of the interval (default 0.8). */
  level?: number;
  /** Planned discount share per future day (promotions); the last known one is assumed otherwise. */
  futureDiscounts?: readonly number[];
}

/** A fitted model of one series. */
export interface FittedForecaster {
  forecast(options: ForecastOptions): SeriesForecast;
}

/** A forecasting method: fits one series at a time, deterministically. */
export interface Forecaster {
  readonly name: string;
  /** Fewest days of history it can fit. */
  readonly minHistory: number;
  fit(series: DailySeries): FittedForecaster;
}

/** Day of week of an epoch day: 0 Sunday … 6 Saturday, as Date.getUTCDay. */
export function weekdayOf(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

/** The q-quantile of `values` (linear interpolation between order statistics). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new RangeError('quantile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const at = q * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (at - below) * (sorted[above]! - sorted[below]!);
}
