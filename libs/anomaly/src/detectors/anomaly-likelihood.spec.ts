import { describe, expect, it } from 'vitest';
import { AnomalyLikelihood } from './anomaly-likelihood';
import { normalTail } from './normal-tail';

describe('normalTail', () => {
  it('matches known values of the standard normal', () => {
    expect(normalTail(0)).toBeCloseTo(0.5, 7);
    expect(normalTail(1.959964)).toBeCloseTo(0.025, 6);
    expect(normalTail(-1)).toBeCloseTo(0.841345, 6);
    expect(normalTail(5)).toBeLessThan(1e-6);
  });
});

describe('AnomalyLikelihood', () => {
  /** Raw scores of an ordinary stream: small and noisy. */
  function quietScores(n: number, seed = 3): number[] {
    let s = seed;
    return Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 0.2);
  }

  it('says 0.5 during probation, then stays unremarkable on ordinary scores', () => {
    const likelihood = new AnomalyLikelihood({ historyLength: 500, shortWindow: 5, probation: 100, minSpread: 0 });
    const values = quietScores(1000).map((r) => likelihood.update(r));
    expect(values.slice(0, 100).every((v) => v === 0.5)).toBe(true);
    expect(Math.max(...values.slice(100))).toBeLessThan(0.999);
  });

  it('calls a run of high raw scores after a quiet history very unlikely', () => {
    const likelihood = new AnomalyLikelihood({ historyLength: 500, shortWindow: 5, probation: 100, minSpread: 0 });
    quietScores(600).forEach((r) => likelihood.update(r));
    const during = [0.95, 0.97, 0.99].map((r) => likelihood.update(r));
    expect(during[2]).toBeGreaterThan(0.9999);
  });

  it('continues identically from its saved state', () => {
    const options = { historyLength: 50, shortWindow: 3, probation: 10, minSpread: 0 };
    const scores = quietScores(200).concat([0.9, 0.95, 0.1]);
    const whole = new AnomalyLikelihood(options);
    const expected = scores.map((r) => whole.update(r));
    const first = new AnomalyLikelihood(options);
    scores.slice(0, 120).forEach((r) => first.update(r));
    const resumed = new AnomalyLikelihood(options, JSON.parse(JSON.stringify(first.toState())));
    expect(scores.slice(120).map((r) => resumed.update(r))).toEqual(expected.slice(120));
  });
});
