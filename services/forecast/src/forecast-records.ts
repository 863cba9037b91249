import type { Forecast } from '#contracts';

/** A forecast record flattened for the ClickHouse `forecasts` table: its points as parallel arrays. */
export type ForecastRow = Omit<Forecast, 'generated_at' | 'points'> & {
  generated_ms: number;
  dates: string[];
  forecast: number[];
  lower: number[];
  upper: number[];
};

export function forecastRow(record: Forecast): ForecastRow {
  const { generated_at, points, ...rest } = record;
  return {
    ...rest,
    generated_ms: generated_at,
    dates: points.map((p) => p.date),
    forecast: points.map((p) => p.forecast),
    lower: points.map((p) => p.lower),
    upper: points.map((p) => p.upper),
  };
}
