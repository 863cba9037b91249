import { quantile, weekdayOf, type DailySeries, type FittedForecaster, type ForecastOptions, type Forecaster, type SeriesForecast } from './forecaster';
import { ridgeRegression } from './ridge-regression';

export interface DecompositionOptions {
  /** Potential trend changepoints, spread over the first `changepointRange` of the history. */
  changepoints: number;
  changepointRange: number;
  /** Fourier orders of the weekly and yearly cycles (yearly only with a year of history). */
  weeklyOrder: number;
  yearlyOrder: number;
  /** Ridge penalties per day of history: larger keeps the trend straighter, the cycles smaller. */
  changepointPenalty: number;
  seasonalityPenalty: number;
  promotionPenalty: number;
}

export const defaultDecompositionOptions: DecompositionOptions = {
  changepoints: 10,
  changepointRange: 0.8,
  weeklyOrder: 3,
  yearlyOrder: 4,
  changepointPenalty: 0.02,
  seasonalityPenalty: 0.001,
  promotionPenalty: 0.001,
};

const YEAR_DAYS = 365.25;

/**
 * A decomposition in the spirit of Prophet (Taylor & Letham, 2018), fitted on log1p(units) so
 * effects are multiplicative and a forecast is never negative: piecewise-linear trend with
 * changepoints, weekly and yearly Fourier cycles, and a promotion (discount) effect. Fitted in one
 * ridge regression rather than Stan; intervals come from the in-sample residuals.
 */
export class DecompositionForecaster implements Forecaster {
  readonly name = 'decomposition';
  readonly minHistory = 28;

  constructor(private readonly options: DecompositionOptions = defaultDecompositionOptions) {}

  fit(series: DailySeries): FittedDecomposition {
    const o = this.options;
    const n = series.values.length;
    if (n < this.minHistory) throw new RangeError(`the decomposition needs ${this.minHistory} days of history, got ${n}`);
    const discounts = series.discounts;
    const design: DecompositionDesign = {
      options: o,
      startDay: series.startDay,
      days: n,
      changepoints: Array.from({ length: o.changepoints }, (_, k) => ((k + 1) / (o.changepoints + 1)) * o.changepointRange),
      yearlyOrder: n >= YEAR_DAYS ? o.yearlyOrder : 0,
      promotions: discounts !== undefined && discounts.some((d) => d !== discounts[0]),
    };
    const penalties = [0, 0, ...design.changepoints.map(() => o.changepointPenalty * n)];
    for (let j = 0; j < 2 * (o.weeklyOrder + design.yearlyOrder); j++) penalties.push(o.seasonalityPenalty * n);
    if (design.promotions) penalties.push(o.promotionPenalty * n);

    const rows = series.values.map((_, t) => features(design, series.startDay + t, discounts?.[t] ?? 0));
    const target = series.values.map((v) => Math.log1p(Math.max(0, v)));
    const coefficients = ridgeRegression(rows, target, penalties);
    const residuals = rows.map((row, t) => target[t]! - dot(row, coefficients)).sort((a, b) => a - b);
    return new FittedDecomposition({
      design,
      coefficients,
      residuals,
      // Residuals of a fit are smaller than errors on new days: inflate by the degrees of freedom used.
      inflation: Math.sqrt(n / Math.max(1, n - penalties.length)),
      lastDiscount: discounts?.[n - 1] ?? 0,
    });
  }
}

interface DecompositionDesign {
  options: DecompositionOptions;
  startDay: number;
  days: number;
  changepoints: number[];
  yearlyOrder: number;
  promotions: boolean;
}

/** A fitted decomposition as plain data: what a trained artifact stores per product. */
export interface FittedDecompositionState {
  design: DecompositionDesign;
  coefficients: number[];
  /** In-sample residuals on the log scale, sorted. */
  residuals: number[];
  inflation: number;
  lastDiscount: number;
}

function features(d: DecompositionDesign, day: number, discount: number): number[] {
  const o = d.options;
  const s = (day - d.startDay) / (d.days - 1);
  const row = [1, s, ...d.changepoints.map((c) => Math.max(0, s - c))];
  const weekday = weekdayOf(day);
  for (let j = 1; j <= o.weeklyOrder; j++) row.push(Math.sin((2 * Math.PI * j * weekday) / 7), Math.cos((2 * Math.PI * j * weekday) / 7));
  for (let j = 1; j <= d.yearlyOrder; j++) row.push(Math.sin((2 * Math.PI * j * day) / YEAR_DAYS), Math.cos((2 * Math.PI * j * day) / YEAR_DAYS));
  if (d.promotions) row.push(discount);
  return row;
}

function dot(row: readonly number[], coefficients: readonly number[]): number {
  return row.reduce((s, x, j) => s + x * coefficients[j]!, 0);
}

/** One series' fitted decomposition: forecasts from the day after its history. */
export class FittedDecomposition implements FittedForecaster {
  constructor(readonly state: FittedDecompositionState) {
    if (state.coefficients.length !== features(state.design, state.design.startDay, 0).length) {
      throw new Error(`decomposition state: ${state.coefficients.length} coefficients do not match its design`);
    }
  }

  forecast({ horizon, level = 0.8, futureDiscounts }: ForecastOptions): SeriesForecast {
    const { design, residuals, inflation, lastDiscount } = this.state;
    const low = quantile(residuals, (1 - level) / 2) * inflation;
    const high = quantile(residuals, (1 + level) / 2) * inflation;
    const out: SeriesForecast = { mean: [], lower: [], upper: [], level };
    for (let h = 0; h < horizon; h++) {
      const day = design.startDay + design.days + h;
      const centre = dot(features(design, day, futureDiscounts?.[h] ?? lastDiscount), this.state.coefficients);
      // The trend itself is uncertain further out: widen slowly with the horizon.
      const widen = Math.sqrt(1 + h / design.days);
      out.mean.push(Math.expm1(centre));
      out.lower.push(Math.max(0, Math.expm1(centre + low * widen)));
      out.upper.push(Math.expm1(centre + high * widen));
    }
    return out;
  }
}
