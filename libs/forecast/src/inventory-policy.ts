import type { SeriesForecast } from './forecaster';
import { normalQuantile } from './normal-quantile';

export interface InventoryPolicyOptions {
  /** Days from placing an order to having the stock. */
  leadTimeDays: number;
  /** Probability of not running out during a lead time (cycle service level), e.g. 0.95. */
  serviceLevel: number;
  /** Days between orders: the maximum level covers the lead time and one review period. */
  reviewPeriodDays: number;
  /** Stock on hand, when known: it turns the levels into stock-out and overstock warnings. */
  onHand?: number;
  /** Days of history behind the forecast: too few earns a warning. */
  historyDays: number;
  /** Fewest days of history for a trustworthy forecast (default 56: eight weeks). */
  minHistoryDays?: number;
}

export interface InventoryLevels {
  reorderPoint: number;
  safetyStock: number;
  minimumLevel: number;
  maximumLevel: number;
  /** Expected demand over the lead time. */
  leadTimeDemand: number;
  warnings: string[];
}

export const HEALTHY = '✅ Inventory levels are healthy.';

/**
 * Seed 001's inventory policy from the forecast distribution rather than fixed margins: each day's
 * spread is read off its interval (a normal approximation), days add up over the lead time, safety
 * stock is z(service level) × σ of lead-time demand, the reorder point adds the expected lead-time
 * demand, and the maximum is what an order placed at the reorder point should bring stock up to.
 */
export function inventoryLevels(forecast: SeriesForecast, options: InventoryPolicyOptions): InventoryLevels {
  const { leadTimeDays, serviceLevel, reviewPeriodDays } = options;
  if (!(leadTimeDays >= 1) || !Number.isInteger(leadTimeDays)) throw new RangeError(`lead time must be a whole number of days ≥ 1, got ${leadTimeDays}`);
  if (!(serviceLevel > 0.5 && serviceLevel < 1)) throw new RangeError(`service level must be within (0.5, 1), got ${serviceLevel}`);
  if (!(reviewPeriodDays >= 0)) throw new RangeError(`review period must be ≥ 0 days, got ${reviewPeriodDays}`);
  const covered = leadTimeDays + reviewPeriodDays;
  if (forecast.mean.length < covered) throw new RangeError(`the forecast covers ${forecast.mean.length} days; lead time plus review period need ${covered}`);

  const zInterval = normalQuantile((1 + forecast.level) / 2);
  const sigma = forecast.mean.map((_, d) => Math.max(0, forecast.upper[d]! - forecast.lower[d]!) / (2 * zInterval));
  const sum = (values: number[], days: number) => values.slice(0, days).reduce((a, b) => a + b, 0);
  const leadTimeDemand = sum(forecast.mean, leadTimeDays);
  const leadTimeSigma = Math.sqrt(sum(sigma.map((s) => s * s), leadTimeDays));
  const safetyStock = normalQuantile(serviceLevel) * leadTimeSigma;
  const reorderPoint = leadTimeDemand + safetyStock;
  const maximumLevel = reorderPoint + sum(forecast.mean, covered) - leadTimeDemand;

  const warnings: string[] = [];
  if (options.historyDays < (options.minHistoryDays ?? 56)) {
    warnings.push(`⚠️ Only ${options.historyDays} days of sales history: the forecast and levels are rough.`);
  }
  if (options.onHand !== undefined) {
    if (options.onHand <= safetyStock) warnings.push(`🚨 Stock-out risk: ${round(options.onHand)} on hand is at or below the safety stock (${round(safetyStock)}).`);
    else if (options.onHand <= reorderPoint) warnings.push(`⚠️ Reorder now: ${round(options.onHand)} on hand is at or below the reorder point (${round(reorderPoint)}).`);
    else if (options.onHand > maximumLevel) warnings.push(`⚠️ Overstock: ${round(options.onHand)} on hand is above the maximum level (${round(maximumLevel)}).`);
  }
  if (warnings.length === 0) warnings.push(HEALTHY);
  return { reorderPoint, safetyStock, minimumLevel: safetyStock, maximumLevel, leadTimeDemand, warnings };
}

function round(v: number): string {
  return Math.round(v).toString();
}
