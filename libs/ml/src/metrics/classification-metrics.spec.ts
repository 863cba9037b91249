import { describe, expect, it } from 'vitest';
import { accuracy, logLoss, rocAuc } from './classification-metrics';

describe('classification metrics', () => {
  it('rocAuc is 1 for a perfect ranking, 0 for a reversed one, 0.5 when all scores tie', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(rocAuc([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1])).toBe(0);
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    expect(rocAuc([0, 1, 1, 0, 1], [0.1, 0.4, 0.35, 0.8, 0.9])).toBeCloseTo(4 / 6, 12);
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
  });

  it('logLoss and accuracy match hand-computed values', () => {
    expect(logLoss([1, 0], [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
    expect(Number.isFinite(logLoss([1], [0]))).toBe(true);
    expect(accuracy([1, 0, 1, 0], [0.9, 0.2, 0.4, 0.6])).toBe(0.5);
  });
});
