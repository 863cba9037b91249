import type { Random } from './random';

/**
 * Arrival times of a Poisson process with constant `ratePerSecond` over [fromMs, toMs), written
 * sorted into `out` (cleared first) as integer epoch ms. Sorted order comes for free from
 * exponential spacings: the normalised partial sums of n+1 exponentials are n sorted uniforms.
 */
export function poissonArrivals(rng: Random, ratePerSecond: number, fromMs: number, toMs: number, out: number[]): number[] {
  out.length = 0;
  const span = toMs - fromMs;
  if (!(ratePerSecond > 0) || span <= 0) return out;
  const n = rng.poisson((ratePerSecond * span) / 1000);
  if (n === 0) return out;
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += -Math.log(1 - rng.next());
    out.push(total);
  }
  total += -Math.log(1 - rng.next());
  const scale = span / total;
  for (let i = 0; i < n; i++) out[i] = fromMs + Math.floor((out[i] as number) * scale);
  return out;
}
