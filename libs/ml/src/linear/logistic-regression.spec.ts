import { describe, expect, it } from 'vitest';
import { rocAuc } from '../metrics/classification-metrics';
import { LogisticRegression } from './logistic-regression';
import { logisticRegressionFamily } from './logistic-regression.family';

/** Deterministic data: y depends on x0 (strongly) and x1 (weakly); x2 is noise on a large scale. */
function dataset(n: number, seed: number): { rows: number[][]; labels: number[] } {
  let s = seed >>> 0;
  const uniform = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const normal = () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [normal(), normal(), 1000 * normal()];
    const p = 1 / (1 + Math.exp(-(2.5 * x[0]! - 1 * x[1]! + 0.3)));
    rows.push(x);
    labels.push(uniform() < p ? 1 : 0);
  }
  return { rows, labels };
}

const names = ['x0', 'x1', 'noise'];

describe('LogisticRegression', () => {
  const train = dataset(2000, 1);
  const holdout = dataset(1000, 2);

  it('learns the signal: holdout AUC near the Bayes-optimal ranking, noise weighted least', () => {
    const model = LogisticRegression.fit(names, train.rows, train.labels);
    const auc = rocAuc(holdout.labels, holdout.rows.map((r) => model.predictProbability(r)));
    const bayes = rocAuc(holdout.labels, holdout.rows.map((r) => 2.5 * r[0]! - r[1]!));
    expect(auc).toBeGreaterThan(0.85);
    expect(auc).toBeGreaterThan(bayes - 0.01);
    expect(model.featureImportance().map((f) => f.feature)).toEqual(['x0', 'x1', 'noise']);
    expect(model.state.weights[0]).toBeGreaterThan(0);
    expect(model.state.weights[1]).toBeLessThan(0);
  });

  it('drives the noise feature to exactly zero with an L1 penalty', () => {
    const model = LogisticRegression.fit(names, train.rows, train.labels, { regularization: 'l1', lambda: 0.02 });
    expect(Math.abs(model.state.weights[2]!)).toBe(0);
    expect(Math.abs(model.state.weights[0]!)).toBeGreaterThan(0.5);
  });

  it('stops early once the loss stops improving, and the loss never rises', () => {
    const model = LogisticRegression.fit(names, train.rows, train.labels, { tolerance: 1e-5, maxIterations: 5000 });
    const history = model.state.lossHistory;
    expect(history.length).toBeLessThan(5000);
    history.slice(1).forEach((loss, i) => expect(loss).toBeLessThanOrEqual(history[i]! + 1e-12));
  });

  it('saves and loads through its model family with identical predictions', () => {
    const model = LogisticRegression.fit(names, train.rows, train.labels);
    const restored = logisticRegressionFamily.fromState(JSON.parse(JSON.stringify(logisticRegressionFamily.toState(model))));
    for (const row of holdout.rows.slice(0, 50)) expect(restored.predictProbability(row)).toBe(model.predictProbability(row));
    expect(() => logisticRegressionFamily.smokeTest(restored)).not.toThrow();
  });

  it('refuses malformed state and inconsistent training input with a message saying what is wrong', () => {
    expect(() => LogisticRegression.fromState({ featureNames: ['a'], means: [0], scales: [1], weights: [Number.NaN], bias: 0, lossHistory: [] })).toThrow(/weights must hold 1 finite numbers/);
    expect(() => LogisticRegression.fit(['a', 'b'], [[1, 2], [3]], [0, 1])).toThrow(/row 1 has 1 values, expected 2/);
    expect(() => LogisticRegression.fit(['a'], [[1]], [0, 1])).toThrow(/2 labels for 1 rows/);
  });
});
