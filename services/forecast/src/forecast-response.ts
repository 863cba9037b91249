import type { AggregateForecast, InventoryLevels } from '#forecast';
import { isoDate } from '#training';

export interface ForecastDay {
  forecast: number;
  lower_bound: number;
  upper_bound: number;
}

/** Seed 001's response (its keys as written), then what a planner needs to trust it. */
export interface ForecastResponse {
  'Reorder Point': number;
  'Safety Stock': number;
  'Minimum Level': number;
  'Maximum Level': number;
  Forecast: Record<string, ForecastDay>;
  Warnings: string[];
  model: { name: string; version: string };
  products: number;
  methods: Record<string, number>;
  origin_date: string;
  interval_level: number;
  lead_time_days: number;
  service_level: number;
  history: { date: string; sales: number }[];
}

export interface ResponseParts {
  aggregate: AggregateForecast;
  levels: InventoryLevels;
  days: number;
  model: { name: string; version: string };
  leadTimeDays: number;
  serviceLevel: number;
  /** Daily sales of the matching products, summed, oldest first, ending on the origin day. */
  history: { startDay: number; values: readonly number[] };
}

export function forecastResponse({ aggregate, levels, days, model, leadTimeDays, serviceLevel, history }: ResponseParts): ForecastResponse {
  const { forecast, originDay } = aggregate;
  const perDay: Record<string, ForecastDay> = {};
  for (let d = 0; d < days; d++) {
    perDay[isoDate(originDay + 1 + d)] = { forecast: round2(forecast.mean[d]!), lower_bound: round2(forecast.lower[d]!), upper_bound: round2(forecast.upper[d]!) };
  }
  return {
    'Reorder Point': round2(levels.reorderPoint),
    'Safety Stock': round2(levels.safetyStock),
    'Minimum Level': round2(levels.minimumLevel),
    'Maximum Level': round2(levels.maximumLevel),
    Forecast: perDay,
    Warnings: levels.warnings,
    model,
    products: aggregate.productIds.length,
    methods: aggregate.methods,
    origin_date: isoDate(originDay),
    interval_level: forecast.level,
    lead_time_days: leadTimeDays,
    service_level: serviceLevel,
    history: history.values.map((sales, i) => ({ date: isoDate(history.startDay + i), sales: round2(sales) })),
  };
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
