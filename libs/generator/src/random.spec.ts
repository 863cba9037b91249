import { describe, expect, it } from 'vitest';
import { Random } from './random';
import { WeightedSampler } from './weighted-sampler';

const draws = (rng: Random, n: number, f: (r: Random) => number): number[] => Array.from({ length: n }, () => f(rng));
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: readonly number[]): number => {
  const m = mean(xs);
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
};
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

describe('Random', () => {
  it('repeats its sequence for the same seed and differs for another seed', () => {
    const a = draws(new Random(42), 50, (r) => r.uint32());
    expect(draws(new Random(42), 50, (r) => r.uint32())).toEqual(a);
    expect(draws(new Random(43), 50, (r) => r.uint32())).not.toEqual(a);
    expect(draws(Random.derive(42, 'x', 1), 10, (r) => r.next())).toEqual(draws(Random.derive(42, 'x', 1), 10, (r) => r.next()));
    expect(draws(Random.derive(42, 'x', 1), 10, (r) => r.next())).not.toEqual(draws(Random.derive(42, 'x', 2), 10, (r) => r.next()));
  });

  it('draws uniforms in [0, 1) with mean ½ and integers within bounds', () => {
    const u = draws(new Random(1), 100_000, (r) => r.next());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(mean(u)).toBeCloseTo(0.5, 2);
    const ints = draws(new Random(2), 10_000, (r) => r.int(3, 7));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5, 6]));
  });

  it('draws normals and lognormals with the requested parameters', () => {
    const z = draws(new Random(3), 100_000, (r) => r.normal(10, 2));
    expect(mean(z)).toBeCloseTo(10, 1);
    expect(Math.sqrt(variance(z))).toBeCloseTo(2, 1);
    expect(median(draws(new Random(4), 50_000, (r) => r.lognormalMedian(80, 0.5)))).toBeGreaterThan(78);
    expect(median(draws(new Random(4), 50_000, (r) => r.lognormalMedian(80, 0.5)))).toBeLessThan(82);
  });

  it.each([0.3, 4, 29.5, 30, 250, 10_000])('draws Poisson counts with mean and variance %d', (lambda) => {
    const k = draws(new Random(5), 40_000, (r) => r.poisson(lambda));
    expect(k.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    expect(Math.abs(mean(k) - lambda)).toBeLessThan(5 * Math.sqrt(lambda / k.length) + 1e-9);
    expect(variance(k) / lambda).toBeGreaterThan(0.95);
    expect(variance(k) / lambda).toBeLessThan(1.05);
  });

  it('chooses by weight and refuses empty or mismatched input', () => {
    const picks = draws(new Random(6), 30_000, (r) => r.weightedChoice([0, 1, 2], [1, 2, 7]));
    expect(picks.filter((p) => p === 2).length / picks.length).toBeCloseTo(0.7, 1);
    expect(() => new Random(1).choice([])).toThrow(/at least one/);
    expect(() => new Random(1).weightedChoice([1, 2], [1])).toThrow(/as many weights/);
  });
});

describe('WeightedSampler', () => {
  it('samples indices in proportion to their weights', () => {
    const weights = [5, 0, 1, 3, 1];
    const sampler = new WeightedSampler(weights);
    const counts = new Array<number>(weights.length).fill(0);
    const rng = new Random(7);
    for (let i = 0; i < 100_000; i++) counts[sampler.sample(rng)]! += 1;
    weights.forEach((w, i) => expect((counts[i] as number) / 100_000).toBeCloseTo(w / 10, 2));
  });

  it('rejects weights that cannot be sampled', () => {
    expect(() => new WeightedSampler([])).toThrow(/positive weight/);
    expect(() => new WeightedSampler([0, 0])).toThrow(/positive weight/);
    expect(() => new WeightedSampler([1, -1])).toThrow(/non-negative/);
  });
});
