import { describe, expect, it } from 'vitest';
import { rocAuc } from '../metrics/classification-metrics';
import { SeededRandom } from '../random/seeded-random';
import { IsolationForest, averagePathLength } from './isolation-forest';
import { isolationForestFamily } from './isolation-forest.family';

/** Normal traffic on three features, plus planted outliers that are extreme on one chosen feature. */
function dataset(seed: number, normal: number, outliers: number) {
  const random = new SeededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(random.next() + 1e-12)) * Math.cos(2 * Math.PI * random.next());
  const rows: number[][] = [];
  const labels: number[] = [];
  const outlierFeature: number[] = [];
  for (let i = 0; i < normal; i++) {
    rows.push([50 + 10 * gaussian(), 1000 + 100 * gaussian(), gaussian()]);
    labels.push(0);
    outlierFeature.push(-1);
  }
  for (let i = 0; i < outliers; i++) {
    const f = i % 3;
    const row = [50 + 10 * gaussian(), 1000 + 100 * gaussian(), gaussian()];
    row[f] = [50, 1000, 0][f]! + [10, 100, 1][f]! * (6 + 2 * random.next()) * (random.next() < 0.5 ? -1 : 1);
    rows.push(row);
    labels.push(1);
    outlierFeature.push(f);
  }
  return { rows, labels, outlierFeature };
}

const names = ['latency_ms', 'bytes', 'z'];

describe('IsolationForest', () => {
  const train = dataset(1, 2000, 0);
  const test = dataset(2, 1000, 30);
  const forest = IsolationForest.fit(names, train.rows, { seed: 7 });

  it('flags planted outliers: AUC above 0.95 on data it did not see', () => {
    const auc = rocAuc(test.labels, test.rows.map((r) => forest.score(r)));
    expect(auc).toBeGreaterThan(0.95);
  });

  it('names the feature that makes a point unusual', () => {
    const outliers = test.rows.map((r, i) => ({ r, f: test.outlierFeature[i]! })).filter((x) => x.f >= 0);
    const correct = outliers.filter(({ r, f }) => forest.explain(r)[0]!.feature === names[f]).length;
    expect(correct / outliers.length).toBeGreaterThan(0.8);
    const shares = forest.explain(outliers[0]!.r);
    expect(shares.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 12);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = IsolationForest.fit(names, train.rows, { seed: 7 });
    const other = IsolationForest.fit(names, train.rows, { seed: 8 });
    expect(again.score(test.rows[5]!)).toBe(forest.score(test.rows[5]!));
    expect(other.score(test.rows[5]!)).not.toBe(forest.score(test.rows[5]!));
  });

  it('round-trips through its model family with identical scores', () => {
    const restored = isolationForestFamily.fromState(JSON.parse(JSON.stringify(isolationForestFamily.toState(forest))));
    for (const row of test.rows.slice(990)) expect(restored.score(row)).toBe(forest.score(row));
    expect(() => isolationForestFamily.smokeTest(restored)).not.toThrow();
    expect(() => IsolationForest.fromState({ ...forest.state, trees: [] })).toThrow(/no trees/);
  });

  it("uses the paper's normalisation: c(256) ≈ 10.24, c(2) = 1", () => {
    expect(averagePathLength(256)).toBeCloseTo(10.2447, 3);
    expect(averagePathLength(2)).toBe(1);
    expect(() => IsolationForest.fit(names, [[1, 2, 3]])).toThrow(/at least two rows/);
    expect(() => IsolationForest.fit(names, [[1, 2, 3], [1, Number.NaN, 3]])).toThrow(/row 1 has a value that is not a finite number/);
  });
});
