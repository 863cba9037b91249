import { DAY_MS, HOUR_MS } from './calendar';
import type { Random } from './random';
import { WeightedSampler } from './weighted-sampler';

/**
 * Relative shop activity for each hour of the day (UTC, shop time): quiet at night, a lunch bump,
 * the peak in the evening. Normalised by `DailyCycle` to a mean of 1.
 */
export const SHOP_HOURLY_ACTIVITY: readonly number[] = [
  0.45, 0.3, 0.2, 0.15, 0.14, 0.18, 0.3, 0.5, 0.75, 0.9, 1.0, 1.1, // 00-11
  1.2, 1.15, 1.05, 1.0, 1.05, 1.15, 1.4, 1.7, 1.9, 1.8, 1.4, 0.8, // 12-23
];

/** A smooth periodic rate multiplier over the day (linear between hourly points), mean 1. */
export class DailyCycle {
  private readonly hourly: Float64Array;
  private readonly hourSampler: WeightedSampler;

  constructor(hourlyActivity: readonly number[] = SHOP_HOURLY_ACTIVITY) {
    if (hourlyActivity.length !== 24 || hourlyActivity.some((v) => !(v > 0))) {
      throw new RangeError('a daily cycle needs 24 positive hourly values');
    }
    const mean = hourlyActivity.reduce((a, b) => a + b, 0) / 24;
    this.hourly = Float64Array.from(hourlyActivity, (v) => v / mean);
    // Mass of each hour under linear interpolation: mean of its two end points.
    this.hourSampler = new WeightedSampler(Array.from(this.hourly, (v, h) => v + (this.hourly[(h + 1) % 24] as number)));
  }

  /** Rate multiplier at an instant; its average over a whole day is exactly 1. */
  at(epochMs: number): number {
    const msOfDay = ((epochMs % DAY_MS) + DAY_MS) % DAY_MS;
    const x = msOfDay / HOUR_MS;
    const h = Math.floor(x);
    const frac = x - h;
    const a = this.hourly[h] as number;
    const b = this.hourly[(h + 1) % 24] as number;
    return a + (b - a) * frac;
  }

  /** Multiplier of one whole hour (0-23) — its node value. */
  hour(h: number): number {
    return this.hourly[h] as number;
  }

  /** A random millisecond offset within a day, distributed like the cycle (hour by mass, uniform inside). */
  sampleTimeOfDay(rng: Random): number {
    const h = this.hourSampler.sample(rng);
    return Math.floor((h + rng.next()) * HOUR_MS);
  }
}
