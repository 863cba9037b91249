import { deriveSeed } from './hash';

const TWO_POW_32 = 4_294_967_296;
const TWO_PI = 2 * Math.PI;

/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna), state expanded from a 32-bit seed
 * with splitmix32. Not cryptographic; fast, small, and identical on every platform because it only
 * uses 32-bit integer arithmetic.
 */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** Second value of the last Box-Muller pair; NaN when none is waiting. */
  private spareNormal = Number.NaN;

  constructor(seed: number) {
    let x = seed >>> 0;
    const splitmix = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let t = x ^ (x >>> 16);
      t = Math.imul(t, 0x21f0aaad);
      t ^= t >>> 15;
      t = Math.imul(t, 0x735a2d97);
      return (t ^ (t >>> 15)) >>> 0;
    };
    this.s0 = splitmix();
    this.s1 = splitmix();
    this.s2 = splitmix();
    this.s3 = splitmix();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** An independent stream for one purpose, e.g. `Random.derive(seed, 'units', product, day)`. */
  static derive(seed: number, ...parts: ReadonlyArray<number | string>): Random {
    return new Random(deriveSeed(seed, ...parts));
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / TWO_POW_32;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max) (max exclusive). */
  int(min: number, max: number): number {
    return min + Math.floor((max - min) * this.next());
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Gaussian by Box-Muller; the second value of each pair is kept for the next call. */
  normal(mean = 0, sd = 1): number {
    const spare = this.spareNormal;
    if (spare === spare) {
      this.spareNormal = Number.NaN;
      return mean + sd * spare;
    }
    const u = 1 - this.next(); // (0, 1]: log stays finite
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = TWO_PI * this.next();
    this.spareNormal = r * Math.sin(theta);
    return mean + sd * r * Math.cos(theta);
  }

  /** exp(N(mu, sigma²)); the median is exp(mu). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Lognormal parameterised by its median, which reads better in profiles ("median 80 ms"). */
  lognormalMedian(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /**
   * Poisson count: inversion by sequential search for small means, Hörmann's PTRS transformed
   * rejection (as in NumPy) for means of 30 and more, so the cost stays flat at high rates.
   */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean < 30) {
      let p = Math.exp(-mean);
      let cumulative = p;
      const u = this.next();
      let k = 0;
      while (u > cumulative && k < 1000) {
        k++;
        p *= mean / k;
        cumulative += p;
      }
      return k;
    }
    return this.poissonPtrs(mean);
  }

  /** A uniformly chosen element. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('choice() needs at least one item');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** An element chosen with probability proportional to its weight (linear scan; for short lists). */
  weightedChoice<T>(items: readonly T[], weights: readonly number[]): T {
    if (items.length === 0 || items.length !== weights.length) {
      throw new RangeError(`weightedChoice() needs as many weights as items, got ${weights.length} for ${items.length}`);
    }
    let total = 0;
    for (const w of weights) total += w;
    let target = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      target -= weights[i] as number;
      if (target < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  /** A new independent stream derived from this one's next output and a label. */
  fork(label: string): Random {
    return new Random(deriveSeed(this.uint32(), label));
  }

  private poissonPtrs(mean: number): number {
    const slam = Math.sqrt(mean);
    const logLam = Math.log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.next() - 0.5;
      const v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logLam - logFactorial(k)) return k;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const LOG_FACTORIAL_TABLE: number[] = [0];
for (let k = 1; k < 256; k++) LOG_FACTORIAL_TABLE.push((LOG_FACTORIAL_TABLE[k - 1] as number) + Math.log(k));

/** ln(k!) exactly from a table below 256, by Stirling's series above. */
export function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIAL_TABLE[k] as number;
  return k * Math.log(k) - k + 0.5 * Math.log(TWO_PI * k) + 1 / (12 * k) - 1 / (360 * k * k * k);
}
