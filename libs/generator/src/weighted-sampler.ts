import type { Random } from './random';

/**
 * Draws indices with probability proportional to fixed weights in O(1) per draw (Vose's alias
 * method), for the large, often-sampled tables: routes, clients, users, products of the day.
 */
export class WeightedSampler {
  readonly size: number;
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: readonly number[]) {
    const n = weights.length;
    let total = 0;
    for (const w of weights) {
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weights must be finite and non-negative, got ${w}`);
      total += w;
    }
    if (n === 0 || total <= 0) throw new RangeError('WeightedSampler needs at least one positive weight');
    this.size = n;
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = weights.map((w) => (w * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((s, i) => (s < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.probability[s] = scaled[s] as number;
      this.alias[s] = l;
      scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of large) this.probability[i] = 1;
    for (const i of small) this.probability[i] = 1; // rounding leftovers
  }

  sample(rng: Random): number {
    const u = rng.next() * this.size;
    const i = Math.floor(u);
    return u - i < (this.probability[i] as number) ? i : (this.alias[i] as number);
  }
}
