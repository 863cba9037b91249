import { describe, expect, it } from 'vitest';
import { SeededRandom } from '#ml';
import { symmetricEigen } from './symmetric-eigen';

describe('symmetricEigen', () => {
  it('solves a 2 × 2 matrix exactly', () => {
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(Array.from(values)).toEqual([expect.closeTo(3, 12), expect.closeTo(1, 12)]);
    expect(vectors[0]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[2]).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('gives orthonormal vectors with A v = λ v on a random 12 × 12 matrix, largest first', () => {
    const n = 12;
    const random = new SeededRandom(5);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = random.next() * 2 - 1;
    const { values, vectors } = symmetricEigen(a, n);
    for (let c = 0; c < n; c++) {
      if (c > 0) expect(values[c]!).toBeLessThanOrEqual(values[c - 1]!);
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += a[i * n + j]! * vectors[j * n + c]!;
        expect(av).toBeCloseTo(values[c]! * vectors[i * n + c]!, 9);
      }
      for (let other = 0; other < n; other++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += vectors[i * n + c]! * vectors[i * n + other]!;
        expect(dot).toBeCloseTo(c === other ? 1 : 0, 9);
      }
    }
  });

  it('rejects a matrix of the wrong size', () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(RangeError);
  });
});
