import { describe, expect, it } from 'vitest';
import { toDenseMatrix } from '../style';
import { silhouetteScore } from './silhouette';

describe('silhouetteScore', () => {
  const data = toDenseMatrix([[0], [1], [10], [11]], 'test');
  const all = [0, 1, 2, 3];

  it('matches the hand-computed value on two clusters', () => {
    // Row 0: a = 1, b = (10 + 11) / 2 = 10.5, s = 9.5 / 10.5; rows 1-3 by symmetry: 8.5/9.5, 8.5/9.5, 9.5/10.5.
    expect(silhouetteScore(data, [0, 0, 1, 1], all)).toBeCloseTo((2 * (9.5 / 10.5) + 2 * (8.5 / 9.5)) / 4, 12);
  });

  it('is negative for a clustering that splits the natural groups', () => {
    expect(silhouetteScore(data, [0, 1, 0, 1], all)).toBeLessThan(0);
  });

  it('scores a row alone in its cluster 0', () => {
    // Row 3 alone: 0; rows 0-2 as one cluster against it.
    const rest = [(11 - 5.5) / 11, (10 - 5) / 10, (1 - 9.5) / 9.5];
    expect(silhouetteScore(data, [0, 0, 0, 1], all)).toBeCloseTo((rest[0]! + rest[1]! + rest[2]!) / 4, 12);
  });
});
