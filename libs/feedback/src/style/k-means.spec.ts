import { describe, expect, it } from 'vitest';
import { SeededRandom } from '#ml';
import { adjustedRandIndex } from './clustering-metrics';
import { kMeans } from './k-means';

function blobs(seed: number) {
  const random = new SeededRandom(seed);
  const centres = [[0, 0], [10, 0], [0, 10]];
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 300; i++) {
    const c = i % 3;
    rows.push(centres[c]!.map((v) => v + random.next() * 2 - 1));
    labels.push(c);
  }
  return { rows, labels };
}

describe('kMeans', () => {
  const { rows, labels } = blobs(1);

  it('recovers well-separated blobs', () => {
    const result = kMeans(rows, { k: 3, seed: 4, restarts: 3 });
    expect(adjustedRandIndex(labels, result.labels)).toBe(1);
    expect(result.inertia).toBeLessThan(300);
  });

  it('is deterministic for a seed', () => {
    expect(kMeans(rows, { k: 4, seed: 9 })).toEqual(kMeans(rows, { k: 4, seed: 9 }));
  });

  it('copes with fewer distinct rows than clusters', () => {
    const result = kMeans([[1, 1], [1, 1], [1, 1], [2, 2]], { k: 3, seed: 1 });
    expect(result.labels).toHaveLength(4);
    expect(result.inertia).toBe(0);
  });

  it('rejects k outside 1..rows', () => {
    expect(() => kMeans(rows, { k: 0, seed: 1 })).toThrow(RangeError);
    expect(() => kMeans([[1], [2]], { k: 3, seed: 1 })).toThrow(RangeError);
  });
});
