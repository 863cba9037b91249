import { toDenseMatrix, type DenseMatrix, type MatrixInput } from './dense-matrix';
import { symmetricEigen } from './symmetric-eigen';

export interface PcaOptions {
  /** Keep exactly this many components (capped at the input width). Overrides `varianceToKeep`. */
  components?: number;
  /** Keep the fewest components whose explained variance reaches this share; default 0.9. */
  varianceToKeep?: number;
  /** Never keep fewer than this many components (when the input is that wide); default 2. */
  minComponents?: number;
}

export interface PcaState {
  mean: number[];
  /** One unit-length principal axis per row, the largest variance first. */
  components: number[][];
  /** Variance of the data along each kept axis. */
  explainedVariance: number[];
  /** Total variance of the data (sum over every axis, kept or not). */
  totalVariance: number;
}

/** Principal component analysis: eigendecomposition of the mean-centred sample covariance. */
export class Pca {
  private readonly mean: Float64Array;
  /** Kept axes, row-major (outputDimension × inputDimension). */
  private readonly axes: Float64Array;

  private constructor(private readonly snapshot: PcaState) {
    this.mean = Float64Array.from(snapshot.mean);
    this.axes = Float64Array.from(snapshot.components.flat());
  }

  static fit(data: MatrixInput, options: PcaOptions = {}): Pca {
    const matrix = toDenseMatrix(data, 'Pca.fit');
    const { rows: n, cols: d, values } = matrix;
    const varianceToKeep = options.varianceToKeep ?? 0.9;
    if (!(varianceToKeep > 0 && varianceToKeep <= 1)) throw new RangeError(`Pca.fit: varianceToKeep must be in (0, 1], got ${varianceToKeep}`);
    if (options.components !== undefined && !(Number.isInteger(options.components) && options.components >= 1)) {
      throw new RangeError(`Pca.fit: components must be a positive integer, got ${options.components}`);
    }

    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += values[i * d + j]!;
    for (let j = 0; j < d; j++) mean[j]! /= n;
    const covariance = new Float64Array(d * d);
    const centred = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) centred[j] = values[i * d + j]! - mean[j]!;
      for (let a = 0; a < d; a++) {
        const ca = centred[a]!;
        if (ca === 0) continue;
        for (let b = a; b < d; b++) covariance[a * d + b]! += ca * centred[b]!;
      }
    }
    const denominator = Math.max(1, n - 1);
    for (let a = 0; a < d; a++) {
      for (let b = a; b < d; b++) {
        covariance[a * d + b]! /= denominator;
        covariance[b * d + a] = covariance[a * d + b]!;
      }
    }

    const { values: eigenvalues, vectors } = symmetricEigen(covariance, d);
    // Rounding leaves tiny negative eigenvalues on rank-deficient covariances.
    const variances = Array.from(eigenvalues, (v) => Math.max(0, v));
    const totalVariance = variances.reduce((s, v) => s + v, 0);
    const kept = Math.min(d, Math.max(options.minComponents ?? 2, options.components ?? componentsFor(variances, totalVariance, varianceToKeep)));
    const components = Array.from({ length: kept }, (_, c) => Array.from({ length: d }, (_, j) => vectors[j * d + c]!));
    return new Pca({ mean: Array.from(mean), components, explainedVariance: variances.slice(0, kept), totalVariance });
  }

  static fromState(state: PcaState): Pca {
    const d = state.mean.length;
    if (state.components.some((c) => c.length !== d)) throw new RangeError(`Pca.fromState: every component must have ${d} entries`);
    return new Pca(structuredClone(state));
  }

  get inputDimension(): number {
    return this.mean.length;
  }

  get outputDimension(): number {
    return this.snapshot.components.length;
  }

  /** Share of the total variance along each kept axis. */
  explainedVarianceRatio(): number[] {
    const total = this.snapshot.totalVariance;
    return this.snapshot.explainedVariance.map((v) => (total > 0 ? v / total : 0));
  }

  project(row: ArrayLike<number>, into = new Float64Array(this.outputDimension), offset = 0): Float64Array {
    const d = this.inputDimension;
    if (row.length !== d) throw new RangeError(`Pca.project: row has ${row.length} columns, the model expects ${d}`);
    for (let c = 0; c < this.outputDimension; c++) {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += (row[j]! - this.mean[j]!) * this.axes[c * d + j]!;
      into[offset + c] = sum;
    }
    return into;
  }

  projectAll(data: MatrixInput): DenseMatrix {
    const matrix = toDenseMatrix(data, 'Pca.projectAll');
    const out = new Float64Array(matrix.rows * this.outputDimension);
    for (let i = 0; i < matrix.rows; i++) {
      this.project(matrix.values.subarray(i * matrix.cols, (i + 1) * matrix.cols), out, i * this.outputDimension);
    }
    return { rows: matrix.rows, cols: this.outputDimension, values: out };
  }

  state(): PcaState {
    return structuredClone(this.snapshot);
  }
}

function componentsFor(variances: readonly number[], total: number, share: number): number {
  if (total <= 0) return 1;
  let cumulative = 0;
  for (let c = 0; c < variances.length; c++) {
    cumulative += variances[c]!;
    if (cumulative >= share * total - 1e-12 * total) return c + 1;
  }
  return variances.length;
}
