import { describe, expect, it } from 'vitest';
import { SeededRandom } from '#ml';
import { Pca } from './pca';

/** Points along (1, 2, 2)/3 with spread 3, plus small noise on every axis. */
function lineCloud(n: number, seed: number): number[][] {
  const random = new SeededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  return Array.from({ length: n }, () => {
    const t = 3 * gaussian();
    return [10 + t / 3 + 0.05 * gaussian(), -4 + (2 * t) / 3 + 0.05 * gaussian(), (2 * t) / 3 + 0.05 * gaussian()];
  });
}

describe('Pca', () => {
  const data = lineCloud(500, 1);

  it('finds the direction of most variance', () => {
    const pca = Pca.fit(data, { minComponents: 1 });
    expect(pca.outputDimension).toBe(1);
    expect(pca.explainedVarianceRatio()[0]).toBeGreaterThan(0.99);
    const axis = pca.state().components[0]!;
    expect(axis[0]).toBeCloseTo(1 / 3, 2);
    expect(axis[1]).toBeCloseTo(2 / 3, 2);
    expect(axis[2]).toBeCloseTo(2 / 3, 2);
  });

  it('keeps at least two components by default, or the count asked for', () => {
    expect(Pca.fit(data).outputDimension).toBe(2);
    expect(Pca.fit(data, { components: 3 }).outputDimension).toBe(3);
    expect(Pca.fit(data, { components: 10 }).outputDimension).toBe(3);
  });

  it('keeps the fewest components that reach the variance share', () => {
    const random = new SeededRandom(2);
    const scales = [5, 4, 3, 1, 0.5, 0.1];
    const rows = Array.from({ length: 2000 }, () => scales.map((s) => s * (random.next() - 0.5)));
    // Variances are proportional to 25, 16, 9, 1, 0.25, 0.01: 90% of 51.26 needs the first three.
    expect(Pca.fit(rows, { varianceToKeep: 0.9 }).outputDimension).toBe(3);
  });

  it('projects the mean to the origin and survives a JSON round trip', () => {
    const pca = Pca.fit(data, { components: 2 });
    const mean = pca.state().mean;
    expect(Array.from(pca.project(mean)).map((v) => Math.abs(v))).toEqual([expect.closeTo(0, 12), expect.closeTo(0, 12)]);
    const copy = Pca.fromState(JSON.parse(JSON.stringify(pca.state())));
    expect(copy.projectAll(data).values).toEqual(pca.projectAll(data).values);
  });

  it('rejects bad options and mismatched rows', () => {
    expect(() => Pca.fit(data, { varianceToKeep: 0 })).toThrow(RangeError);
    expect(() => Pca.fit(data, { components: 0 })).toThrow(RangeError);
    expect(() => Pca.fit([])).toThrow(RangeError);
    expect(() => Pca.fit(data).project([1, 2])).toThrow(RangeError);
  });
});
