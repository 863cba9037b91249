import { describe, expect, it } from 'vitest';
import { SeededRandom } from '#ml';
import { adjustedRandIndex } from './clustering-metrics';
import { GaussianMixture } from './gaussian-mixture';
import { fitBestByBic } from './mixture-selection';

/** Gaussian blobs in 2-D with different spreads per axis. */
function blobs(seed: number, centres: number[][], perBlob: number) {
  const random = new SeededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const rows: number[][] = [];
  const labels: number[] = [];
  centres.forEach((centre, c) => {
    for (let i = 0; i < perBlob; i++) {
      rows.push([centre[0]! + 0.8 * gaussian(), centre[1]! + 0.4 * gaussian()]);
      labels.push(c);
    }
  });
  return { rows, labels };
}

const three = [[0, 0], [6, 0], [3, 5]];

describe('GaussianMixture', () => {
  const { rows, labels } = blobs(1, three, 200);
  const model = GaussianMixture.fit(rows, { k: 3, seed: 11 });

  it('recovers planted Gaussian clusters', () => {
    expect(adjustedRandIndex(labels, model.predictAll(rows))).toBeGreaterThan(0.97);
    for (const weight of model.componentWeights()) expect(weight).toBeCloseTo(1 / 3, 1);
  });

  it('keeps far-away rows finite (log-sum-exp) with responsibilities summing to 1', () => {
    const posterior = model.responsibilities([400, -300]);
    expect(posterior.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    expect(Number.isFinite(model.logLikelihood([[400, -300]]))).toBe(true);
  });

  it('counts k·d means, k·d variances and k - 1 weights for BIC', () => {
    expect(model.parameterCount).toBe(3 * 2 * 2 + 2);
    expect(model.bic(rows)).toBeCloseTo(-2 * model.logLikelihood(rows) + 14 * Math.log(600), 6);
  });

  it('is deterministic for a seed and survives a JSON round trip', () => {
    expect(GaussianMixture.fit(rows, { k: 3, seed: 11 }).state()).toEqual(model.state());
    const copy = GaussianMixture.fromState(JSON.parse(JSON.stringify(model.state())));
    expect(copy.predictAll(rows)).toEqual(model.predictAll(rows));
    expect(copy.logLikelihood(rows)).toBeCloseTo(model.logLikelihood(rows), 9);
  });

  it('rejects a bad k or rows of the wrong width', () => {
    expect(() => GaussianMixture.fit(rows, { k: 0, seed: 1 })).toThrow(RangeError);
    expect(() => model.predictAll([[1, 2, 3]])).toThrow(RangeError);
  });
});

describe('GaussianMixture.partialFit', () => {
  const { rows } = blobs(2, three, 200);
  const newRows = blobs(3, [[6, 0]], 300).rows.map(([x, y]) => [x! + 0.5, y!]);

  it('moves weights and means toward the new rows without refitting', () => {
    const model = GaussianMixture.fit(rows, { k: 3, seed: 5 });
    const before = model.state();
    const target = model.predict([6, 0]);
    model.partialFit(newRows);
    const after = model.state();
    expect(after.weights).toHaveLength(3);
    expect(after.updates).toBe(1);
    expect(after.weights[target]!).toBeGreaterThan(before.weights[target]! + 0.2);
    expect(after.means[target]![0]!).toBeGreaterThan(before.means[target]![0]! + 0.2);
    // The other components saw (almost) none of the new rows: their means stay put.
    for (let c = 0; c < 3; c++) if (c !== target) expect(after.means[c]![0]).toBeCloseTo(before.means[c]![0]!, 3);
    // decay 1 keeps everything: the statistics now count all 900 rows.
    expect(after.statistics.counts.reduce((s, n) => s + n, 0)).toBeCloseTo(900, 6);
  });

  it('with a learning rate gives the new rows that share of an unchanged memory', () => {
    const model = GaussianMixture.fit(rows, { k: 3, seed: 5 });
    const target = model.predict([6, 0]);
    const before = model.componentWeights()[target]!;
    model.partialFit(newRows, { learningRate: 0.25 });
    const counts = model.state().statistics.counts;
    expect(counts.reduce((s, n) => s + n, 0)).toBeCloseTo(600, 6);
    expect(model.componentWeights()[target]).toBeCloseTo(0.75 * before + 0.25, 3);
  });

  it('rejects conflicting or out-of-range options', () => {
    const model = GaussianMixture.fit(rows, { k: 3, seed: 5 });
    expect(() => model.partialFit(newRows, { learningRate: 0.5, decay: 0.5 })).toThrow(RangeError);
    expect(() => model.partialFit(newRows, { learningRate: 0 })).toThrow(RangeError);
    expect(() => model.partialFit(newRows, { decay: 2 })).toThrow(RangeError);
  });
});

describe('fitBestByBic', () => {
  it('picks the planted number of clusters', () => {
    const four = blobs(4, [...three, [9, 6]], 150);
    const selection = fitBestByBic(four.rows, { minK: 1, maxK: 7, seed: 3 });
    expect(selection.k).toBe(4);
    expect(Object.keys(selection.bicByK)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(selection.note).toBeNull();
    expect(adjustedRandIndex(four.labels, selection.model.predictAll(four.rows))).toBeGreaterThan(0.95);
  });

  it('caps k on small inputs and says so', () => {
    const { rows } = blobs(5, three, 4);
    const selection = fitBestByBic(rows, { minK: 3, maxK: 7, seed: 1 });
    expect(selection.triedK).toEqual({ min: 2, max: 2 });
    expect(selection.k).toBe(2);
    expect(selection.note).toMatch(/12 rows .* at most 2 components/);
    expect(fitBestByBic([[1, 1], [1, 1]], { seed: 1 }).k).toBe(1);
  });

  it('rejects an empty range', () => {
    expect(() => fitBestByBic([[1], [2]], { minK: 4, maxK: 3, seed: 1 })).toThrow(RangeError);
  });
});
