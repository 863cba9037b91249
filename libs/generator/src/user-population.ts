import type { Random } from './random';
import { WeightedSampler } from './weighted-sampler';

/**
 * Shop users `u-000001` … with Zipf-like activity: a few users order or browse far more than most.
 * Shared by sales (who bought), request logs (who was logged in) and feedback (who reacted).
 */
export class UserPopulation {
  readonly ids: readonly string[];
  private readonly activity: WeightedSampler;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`user population size must be a positive integer, got ${size}`);
    const width = Math.max(6, String(size).length);
    this.ids = Array.from({ length: size }, (_, i) => `u-${String(i + 1).padStart(width, '0')}`);
    this.activity = new WeightedSampler(Array.from({ length: size }, (_, i) => 1 / (i + 20)));
  }

  id(index: number): string {
    return this.ids[index % this.size] as string;
  }

  /** A user drawn by activity. */
  sample(rng: Random): string {
    return this.ids[this.activity.sample(rng)] as string;
  }
}
