/**
 * Forecast accuracy as the M4 and M5 competitions measure it. Scaled errors divide by the in-sample
 * error of a naive forecast, so they compare across products of any volume: below 1 beats it.
 */

/** Mean absolute scaled error (M4): scale is the in-sample mean |y[t] - y[t - m]|, m = 7 for daily retail. */
export function mase(actual: readonly number[], forecast: readonly number[], history: readonly number[], seasonality = 7): number {
  return meanAbsolute(actual, forecast) / naiveScale(history, seasonality, Math.abs);
}

/** Root mean squared scaled error (M5): scale is the in-sample mean squared one-step naive error. */
export function rmsse(actual: readonly number[], forecast: readonly number[], history: readonly number[]): number {
  const mse = actual.reduce((s, y, i) => s + (y - forecast[i]!) ** 2, 0) / actual.length;
  return Math.sqrt(mse / naiveScale(history, 1, (d) => d * d));
}

/** Symmetric MAPE in percent (M4); a day where both actual and forecast are 0 counts as no error. */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    const denominator = Math.abs(actual[i]!) + Math.abs(forecast[i]!);
    if (denominator > 0) total += (2 * Math.abs(actual[i]! - forecast[i]!)) / denominator;
  }
  return (100 * total) / actual.length;
}

/** Share of actuals inside [lower, upper]. */
export function intervalCoverage(actual: readonly number[], lower: readonly number[], upper: readonly number[]): number {
  return actual.filter((y, i) => y >= lower[i]! && y <= upper[i]!).length / actual.length;
}

function meanAbsolute(actual: readonly number[], forecast: readonly number[]): number {
  if (actual.length === 0 || actual.length !== forecast.length) throw new RangeError(`need actuals and forecasts of the same non-zero length, got ${actual.length} and ${forecast.length}`);
  return actual.reduce((s, y, i) => s + Math.abs(y - forecast[i]!), 0) / actual.length;
}

function naiveScale(history: readonly number[], lag: number, loss: (d: number) => number): number {
  if (history.length <= lag) throw new RangeError(`a scaled error needs more than ${lag} days of history, got ${history.length}`);
  let total = 0;
  for (let t = lag; t < history.length; t++) total += loss(history[t]! - history[t - lag]!);
  // A flat history would make every error infinite: floor the scale at a tiny positive value.
  return Math.max(total / (history.length - lag), 1e-9);
}
