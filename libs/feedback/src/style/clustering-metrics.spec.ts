import { describe, expect, it } from 'vitest';
import { SeededRandom } from '#ml';
import { adjustedRandIndex } from './clustering-metrics';

describe('adjustedRandIndex', () => {
  it('is 1 for the same partition under other names', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [5, 5, 3, 3, 9])).toBe(1);
    expect(adjustedRandIndex(['a', 'a', 'b'], [1, 1, 0])).toBe(1);
  });

  it('matches the published value on a small example (scikit-learn: 0.5714...)', () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 12);
  });

  it('is 0 when one labeling is all one cluster and the other all singletons', () => {
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
  });

  it('is near 0 for independent random labelings', () => {
    const random = new SeededRandom(3);
    const a = Array.from({ length: 5000 }, () => random.int(4));
    const b = Array.from({ length: 5000 }, () => random.int(4));
    expect(Math.abs(adjustedRandIndex(a, b))).toBeLessThan(0.01);
  });

  it('rejects labelings of different lengths or none', () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(RangeError);
    expect(() => adjustedRandIndex([], [])).toThrow(RangeError);
  });
});
