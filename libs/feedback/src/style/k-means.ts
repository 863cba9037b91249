import { SeededRandom } from '#ml';
import { squaredDistance, toDenseMatrix, type DenseMatrix, type MatrixInput } from './dense-matrix';

export interface KMeansOptions {
  k: number;
  seed: number;
  /** Independent k-means++ starts; the one with the lowest inertia wins. Default 1. */
  restarts?: number;
  /** Lloyd iterations per start; default 100. */
  maxIterations?: number;
}

export interface KMeansResult {
  /** k × d. */
  centroids: DenseMatrix;
  labels: Int32Array;
  /** Sum of squared distances from each row to its centroid. */
  inertia: number;
  iterations: number;
}

/**
 * k-means++ seeding (Arthur & Vassilvitskii, 2007): the first centre uniformly, each next one with
 * probability proportional to its squared distance from the nearest centre chosen so far. When
 * fewer than k distinct rows exist, the remaining centres repeat rows chosen uniformly.
 */
export function kMeansPlusPlusCentres(data: DenseMatrix, k: number, random: SeededRandom): DenseMatrix {
  const { rows: n, cols: d, values } = data;
  const centres = new Float64Array(k * d);
  const nearest = new Float64Array(n).fill(Infinity);
  let chosen = random.int(n);
  for (let c = 0; c < k; c++) {
    centres.set(values.subarray(chosen * d, (chosen + 1) * d), c * d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dist = squaredDistance(values, i * d, centres, c * d, d);
      if (dist < nearest[i]!) nearest[i] = dist;
      total += nearest[i]!;
    }
    if (total <= 0) {
      chosen = random.int(n);
      continue;
    }
    let target = random.next() * total;
    chosen = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearest[i]!;
      if (target < 0) {
        chosen = i;
        break;
      }
    }
  }
  return { rows: k, cols: d, values: centres };
}

/** Index of the nearest centroid and the squared distance to it. */
export function nearestCentroid(centroids: DenseMatrix, row: Float64Array, rowOffset = 0): { index: number; squaredDistance: number } {
  let index = 0;
  let best = Infinity;
  for (let c = 0; c < centroids.rows; c++) {
    const dist = squaredDistance(row, rowOffset, centroids.values, c * centroids.cols, centroids.cols);
    if (dist < best) {
      best = dist;
      index = c;
    }
  }
  return { index, squaredDistance: best };
}

/** Lloyd's k-means from k-means++ starts, seeded; an emptied cluster restarts at the row farthest from its centroid. */
export function kMeans(data: MatrixInput, options: KMeansOptions): KMeansResult {
  const matrix = toDenseMatrix(data, 'kMeans');
  const { k, seed } = options;
  const restarts = options.restarts ?? 1;
  if (!(Number.isInteger(k) && k >= 1 && k <= matrix.rows)) throw new RangeError(`kMeans: k must be an integer in 1..${matrix.rows} (the row count), got ${k}`);
  if (!(Number.isInteger(restarts) && restarts >= 1)) throw new RangeError(`kMeans: restarts must be a positive integer, got ${restarts}`);
  const random = new SeededRandom(seed);
  let best: KMeansResult | null = null;
  for (let r = 0; r < restarts; r++) {
    const result = lloyd(matrix, kMeansPlusPlusCentres(matrix, k, random), options.maxIterations ?? 100);
    if (best === null || result.inertia < best.inertia) best = result;
  }
  return best!;
}

function lloyd(data: DenseMatrix, start: DenseMatrix, maxIterations: number): KMeansResult {
  const { rows: n, cols: d, values } = data;
  const k = start.rows;
  const centroids: DenseMatrix = { rows: k, cols: d, values: Float64Array.from(start.values) };
  const labels = new Int32Array(n).fill(-1);
  const distances = new Float64Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      const { index, squaredDistance: dist } = nearestCentroid(centroids, values, i * d);
      distances[i] = dist;
      if (labels[i] !== index) {
        labels[i] = index;
        changed = true;
      }
    }
    if (!changed) break;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      counts[c]!++;
      for (let j = 0; j < d; j++) sums[c * d + j]! += values[i * d + j]!;
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        const farthest = distances.reduce((bestIndex, dist, i) => (dist > distances[bestIndex]! ? i : bestIndex), 0);
        centroids.values.set(values.subarray(farthest * d, (farthest + 1) * d), c * d);
        distances[farthest] = 0;
        continue;
      }
      for (let j = 0; j < d; j++) centroids.values[c * d + j] = sums[c * d + j]! / counts[c]!;
    }
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const { index, squaredDistance: dist } = nearestCentroid(centroids, values, i * d);
    labels[i] = index;
    inertia += dist;
  }
  return { centroids, labels, inertia, iterations };
}
