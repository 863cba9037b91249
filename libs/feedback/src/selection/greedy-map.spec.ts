import { describe, expect, it } from 'vitest';
import { Random, randomAttributeSpec } from '#generator';
import { AttributeVocabulary } from './attribute-vocabulary';
import { denseKernel, qualityDiversityKernel, type DppKernel } from './dpp-kernel';
import { greedyMapInference } from './greedy-map';

function fullMatrix(kernel: DppKernel): number[][] {
  return Array.from({ length: kernel.size }, (_, i) => [...kernel.row(i)]);
}

/** log det of the principal submatrix by Cholesky; −∞ when it is singular. */
function logDetOf(matrix: number[][], subset: readonly number[]): number {
  const k = subset.length;
  const l = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let logDet = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      let s = matrix[subset[a]!]![subset[b]!]!;
      for (let c = 0; c < b; c++) s -= l[a]![c]! * l[b]![c]!;
      if (a === b) {
        if (!(s > 1e-12)) return -Infinity;
        l[a]![a] = Math.sqrt(s);
        logDet += Math.log(s);
      } else {
        l[a]![b] = s / l[b]![b]!;
      }
    }
  }
  return logDet;
}

function bestSubsetLogDet(matrix: number[][], k: number): number {
  let best = -Infinity;
  const pick = (start: number, subset: number[]): void => {
    if (subset.length === k) {
      best = Math.max(best, logDetOf(matrix, subset));
      return;
    }
    for (let i = start; i <= matrix.length - (k - subset.length); i++) pick(i + 1, [...subset, i]);
  };
  pick(0, []);
  return best;
}

/** L = B Bᵀ / r with B an N×r standard normal matrix: a random (Wishart) PSD kernel. */
function wishartKernel(rng: Random, n: number, r: number): number[][] {
  const b = Array.from({ length: n }, () => Array.from({ length: r }, () => rng.normal()));
  return b.map((x) => b.map((y) => x.reduce((s, v, f) => s + v * y[f]!, 0) / r));
}

function attributeKernel(rng: Random, n: number): number[][] {
  const specs = Array.from({ length: n }, () => randomAttributeSpec(rng));
  const vocabulary = AttributeVocabulary.fromSpecs(specs);
  const qualities = specs.map(() => rng.uniform(0.05, 1));
  return fullMatrix(qualityDiversityKernel(specs.map((s) => vocabulary.oneHot(s)), qualities, { diversityWeight: 0.7, qualityWeight: 0.3 }));
}

/**
 * Greedy against the best subset found by brute force. Log-dets of these kernels are often
 * negative, so a ratio of log-dets means nothing; the ratio compared is of determinants,
 * det(L_greedy) / det(L_best) = exp(logdet_greedy − logdet_best), in (0, 1].
 */
function determinantRatios(kernels: (rng: Random, n: number) => number[][], seed: number): number[] {
  const ratios: number[] = [];
  for (let trial = 0; trial < 60; trial++) {
    const rng = Random.derive(seed, trial);
    const n = rng.int(8, 13);
    const k = rng.int(3, 5);
    const matrix = kernels(rng, n);
    const greedy = greedyMapInference(denseKernel(matrix), k);
    expect(greedy.selected).toHaveLength(k);
    ratios.push(Math.exp(greedy.logDet - bestSubsetLogDet(matrix, k)));
  }
  return ratios;
}

describe('greedyMapInference', () => {
  /**
   * There is no per-instance 95% guarantee: the proven worst case of greedy volume maximisation is
   * 1/k! of the best volume (Çivril & Magdon-Ismail, 2009), (1/k!)² of the determinant. On
   * ill-conditioned Wishart kernels (r = N) greedy is optimal on ~92% of instances and has been
   * seen as low as 0.63; so the bound asserted is on the share of instances and the mean.
   */
  it('reaches 95% of the best determinant on at least 90% of random Wishart kernels (N 8-12, k 3-4), 95% on average', () => {
    const ratios = determinantRatios((rng, n) => wishartKernel(rng, n, n), 4);
    expect(ratios.filter((r) => r >= 0.95).length / ratios.length).toBeGreaterThanOrEqual(0.9);
    expect(ratios.reduce((a, b) => a + b, 0) / ratios.length).toBeGreaterThanOrEqual(0.95);
    expect(Math.min(...ratios)).toBeGreaterThan(1 / 24 ** 2);
    expect(Math.max(...ratios)).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('reaches at least 95% of the best determinant on every small quality-diversity kernel over random attribute specs', () => {
    const ratios = determinantRatios(attributeKernel, 5);
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(0.95);
  });

  it('reports the log-determinant of the subset it chose, built from the determinant ratio of each pick', () => {
    const matrix = wishartKernel(Random.derive(6, 'check'), 10, 10);
    const result = greedyMapInference(denseKernel(matrix), 4);
    expect(result.logDet).toBeCloseTo(logDetOf(matrix, result.selected), 9);
    expect(result.gains.reduce((s, g) => s + Math.log(g), 0)).toBeCloseTo(result.logDet, 12);
    expect(new Set(result.selected).size).toBe(4);
  });

  it('reads only the rows of the items it picks (k − 1 rows for k items), never the whole kernel', () => {
    const matrix = wishartKernel(Random.derive(7, 'rows'), 12, 12);
    const dense = denseKernel(matrix);
    const rowsRead: number[] = [];
    const counting: DppKernel = { size: dense.size, diagonal: () => dense.diagonal(), row: (i) => (rowsRead.push(i), dense.row(i)) };
    const result = greedyMapInference(counting, 5);
    expect(rowsRead).toEqual(result.selected.slice(0, 4));
  });

  it('stops early when no remaining item adds a new direction (a rank-2 kernel gives two items)', () => {
    const matrix = [
      [1, 0, 1, 0.5],
      [0, 1, 0, 0.5],
      [1, 0, 1, 0.5],
      [0.5, 0.5, 0.5, 0.5],
    ];
    const result = greedyMapInference(denseKernel(matrix), 3);
    expect(result.selected).toEqual([0, 1]);
    expect(result.logDet).toBeCloseTo(0, 12);
  });
});
