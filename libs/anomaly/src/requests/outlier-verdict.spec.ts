import { describe, expect, it } from 'vitest';
import { routeWindow } from '../anomaly-fixtures.testing';
import type { WindowAggregate } from '../windows/request-window.aggregator';
import { OUTLIER_DETECTOR, outlierVerdict, poissonUpperTail } from './outlier-verdict';
import type { RequestOutlier } from './route-outlier.model';

/** P(X ≥ k) as 1 minus the plain sum of the probabilities below k: accurate while the tail is not tiny. */
function directTail(k: number, lambda: number): number {
  let below = 0;
  let factorial = 1;
  for (let i = 0; i < k; i++) {
    if (i > 0) factorial *= i;
    below += (Math.exp(-lambda) * lambda ** i) / factorial;
  }
  return 1 - below;
}

describe('poissonUpperTail', () => {
  it('is 1 for k ≤ 0 and 0 for a zero rate', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(-2, 3)).toBe(1);
    expect(poissonUpperTail(0, 0)).toBe(1);
    expect(poissonUpperTail(1, 0)).toBe(0);
    expect(poissonUpperTail(5, 0)).toBe(0);
  });

  it('gives P(X ≥ 1) = 1 - e^-λ, to full relative precision even for a tiny λ', () => {
    for (const lambda of [3, 1, 0.2, 0.05, 1e-4, 1e-8]) {
      const truth = -Math.expm1(-lambda);
      expect(Math.abs(poissonUpperTail(1, lambda) / truth - 1)).toBeLessThan(1e-9);
    }
  });

  it('matches a direct sum on small cases', () => {
    for (const lambda of [0.5, 1, 2.5, 4, 10]) {
      for (const k of [1, 2, 3, 5, 8, 12]) {
        const truth = directTail(k, lambda);
        if (truth < 1e-6) continue; // 1 - sum has lost too many digits there
        expect(Math.abs(poissonUpperTail(k, lambda) / truth - 1)).toBeLessThan(1e-8);
      }
    }
    // Known values: P(X ≥ 2 | λ = 1) = 1 - 2/e; P(X ≥ 3 | λ = 2) = 1 - 5e^-2.
    expect(poissonUpperTail(2, 1)).toBeCloseTo(1 - 2 / Math.E, 14);
    expect(poissonUpperTail(3, 2)).toBeCloseTo(1 - 5 * Math.exp(-2), 14);
  });

  it('stays right for rates where e^-λ underflows (busy routes)', () => {
    expect(poissonUpperTail(800, 800)).toBeGreaterThan(0.45);
    expect(poissonUpperTail(800, 800)).toBeLessThan(0.55);
    expect(poissonUpperTail(1000, 800)).toBeLessThan(1e-9);
    expect(poissonUpperTail(600, 800)).toBeGreaterThan(0.999999);
  });

  it('keeps far tails positive, finite and close to their leading term', () => {
    // P(X ≥ 20 | λ = 0.05) = e^-λ λ^20 / 20! × (1 + λ/21 + λ²/(21·22) + ...).
    const leading = (Math.exp(-0.05) * 0.05 ** 20) / 2432902008176640000;
    const tail = poissonUpperTail(20, 0.05);
    expect(tail).toBeGreaterThan(0);
    expect(Number.isFinite(tail)).toBe(true);
    expect(tail / leading).toBeGreaterThan(1);
    expect(tail / leading).toBeCloseTo(1 + 0.05 / 21 + 0.05 ** 2 / (21 * 22), 7);
    // Around the switch to the far-tail sum, the two ways agree.
    const lambda = 0.2;
    expect(Math.abs(poissonUpperTail(3, lambda) / directTail(3, lambda) - 1)).toBeLessThan(1e-7);
    expect(poissonUpperTail(10, 0.2)).toBeGreaterThan(0);
    expect(poissonUpperTail(10, 0.2)).toBeLessThan(poissonUpperTail(9, 0.2));
  });

  it('decreases in k and increases in λ', () => {
    const ks = [1, 2, 3, 5, 8, 13, 21, 34];
    const tails = ks.map((k) => poissonUpperTail(k, 3));
    for (let i = 1; i < tails.length; i++) expect(tails[i]).toBeLessThan(tails[i - 1]!);
    const lambdas = [0.01, 0.1, 1, 3, 10, 30];
    const byLambda = lambdas.map((l) => poissonUpperTail(4, l));
    for (let i = 1; i < byLambda.length; i++) expect(byLambda[i]).toBeGreaterThan(byLambda[i - 1]!);
  });
});

describe('outlierVerdict', () => {
  const T0 = Date.UTC(2026, 9, 5, 12);
  const worst: RequestOutlier = {
    score: 0.83,
    threshold: 0.62,
    features: [
      { name: 'log_latency_ms', value: 4000, expected: 80, contribution: 0.7 },
      { name: 'log_request_bytes', value: 500, expected: 480, contribution: 0.3 },
    ],
  };
  const windowOf = (requests: number, outliers: number): WindowAggregate => routeWindow(T0, { requests, outliers, worstOutlier: outliers > 0 ? worst : null });


  it('scores a window without outliers as ordinary', () => {
    const v = outlierVerdict(windowOf(200, 0), 0.001);
    expect(v.score).toBe(0);
    expect(v).toMatchObject({ subjectKind: 'request', subject: 'web/products/:id', windowStart: T0, windowEnd: T0 + 60_000, detector: OUTLIER_DETECTOR, features: [] });
    expect(v.explanation).toContain('0 of 200 requests');
  });

  it('scores one expected-ish outlier low', () => {
    // λ = 0.2: one outlier in five such windows is normal.
    expect(outlierVerdict(windowOf(200, 1), 0.001).score).toBeCloseTo(Math.exp(-0.2), 12);
    expect(outlierVerdict(windowOf(2000, 2), 0.001).score).toBeLessThan(0.9);
  });

  it('calls 10 outliers of 200 at a 0.1% share an anomaly, a warning', () => {
    const v = outlierVerdict(windowOf(200, 10), 0.001);
    expect(v.score).toBeGreaterThanOrEqual(0.99999);
    expect(v.score).toBeLessThanOrEqual(1);
    expect(v.severity).toBe('warning');
    expect(v.features).toEqual(worst.features);
    expect(v.explanation).toContain('10 of 200 requests on web/products/:id are outliers (5.0%, 0.10% expected)');
    expect(v.explanation).toContain('log_latency_ms 4000 vs 80 typical');
  });

  it('is critical from the critical share of outliers', () => {
    expect(outlierVerdict(windowOf(200, 60), 0.001).severity).toBe('critical');
    expect(outlierVerdict(windowOf(200, 40), 0.001).severity).toBe('critical'); // exactly 20%
    expect(outlierVerdict(windowOf(200, 39), 0.001).severity).toBe('warning');
    expect(outlierVerdict(windowOf(200, 20), 0.001, 0.1).severity).toBe('critical');
  });

  it('is not surprised by many outliers when many are expected', () => {
    expect(outlierVerdict(windowOf(200, 10), 0.05).score).toBeLessThan(0.6);
  });
});
