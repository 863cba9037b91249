import { SeededRandom } from '#ml';
import { columnMoments, toDenseMatrix, type DenseMatrix, type MatrixInput } from './dense-matrix';
import { kMeans } from './k-means';

export interface GaussianMixtureOptions {
  k: number;
  seed: number;
  /** EM iterations per start; default 200. */
  maxIterations?: number;
  /** Stop when the log-likelihood per row improves by less than this; default 1e-5. */
  tolerance?: number;
  /** Independent k-means++ starts; the one with the highest log-likelihood wins. Default 2. */
  restarts?: number;
  /** Absolute floor: no variance below this share of its column's variance over the data; default 0.001. */
  varianceFloor?: number;
  /**
   * Relative floor: no component's variance below this share of the pooled within-component
   * variance of its column (recomputed at every M-step); default 1, 0 turns it off. On one-hot
   * attributes, rows are few distinct points: without this floor a component can shrink onto a
   * handful of identical designs and buy a likelihood that BIC rewards with extra, spurious modes.
   */
  pooledVarianceFloor?: number;
}

export interface PartialFitOptions {
  /**
   * Stepwise EM: the new rows get this share of the model's memory, the old statistics the rest,
   * so the effective record count stays the same. In (0, 1].
   */
  learningRate?: number;
  /** Multiplies the old statistics before the new rows are added; 1 (the default) forgets nothing. In [0, 1]. */
  decay?: number;
}

/**
 * Responsibility-weighted sums over every row the model has learned from: the M-step turns them
 * into weights, means and variances, and an online update only has to add to them. Sums are taken
 * about `origin` (the training mean) so that variances do not lose precision to large offsets.
 */
export interface MixtureStatistics {
  counts: number[];
  sums: number[][];
  squaredSums: number[][];
}

export interface GaussianMixtureState {
  weights: number[];
  means: number[][];
  variances: number[][];
  varianceFloor: number[];
  pooledVarianceFloor: number;
  origin: number[];
  statistics: MixtureStatistics;
  /** Online updates applied since the fit. */
  updates: number;
}

const LOG_TWO_PI = Math.log(2 * Math.PI);

/**
 * Gaussian mixture with diagonal covariances, fitted by EM from k-means++ starts (seeded).
 * Responsibilities use log-sum-exp, so far-away rows do not underflow to 0/0.
 */
export class GaussianMixture {
  readonly k: number;
  readonly dimension: number;
  private readonly weights: Float64Array;
  private readonly means: Float64Array;
  private readonly variances: Float64Array;
  private readonly floor: Float64Array;
  private readonly pooledFloor: number;
  private readonly origin: Float64Array;
  private readonly counts: Float64Array;
  private readonly sums: Float64Array;
  private readonly squaredSums: Float64Array;
  private updates: number;
  /** Per component: log weight plus the Gaussian's normalising constant. */
  private readonly logConstants: Float64Array;
  private readonly precisions: Float64Array;
  private readonly scratch: Float64Array;

  private constructor(k: number, dimension: number, floor: Float64Array, pooledFloor: number, origin: Float64Array, updates: number) {
    this.k = k;
    this.dimension = dimension;
    this.floor = floor;
    this.pooledFloor = pooledFloor;
    this.origin = origin;
    this.updates = updates;
    this.weights = new Float64Array(k);
    this.means = new Float64Array(k * dimension);
    this.variances = new Float64Array(k * dimension);
    this.counts = new Float64Array(k);
    this.sums = new Float64Array(k * dimension);
    this.squaredSums = new Float64Array(k * dimension);
    this.logConstants = new Float64Array(k);
    this.precisions = new Float64Array(k * dimension);
    this.scratch = new Float64Array(k);
  }

  static fit(data: MatrixInput, options: GaussianMixtureOptions): GaussianMixture {
    const matrix = toDenseMatrix(data, 'GaussianMixture.fit');
    const { k, seed } = options;
    const restarts = options.restarts ?? 2;
    const maxIterations = options.maxIterations ?? 200;
    const tolerance = options.tolerance ?? 1e-5;
    const floorShare = options.varianceFloor ?? 0.001;
    const pooledFloor = options.pooledVarianceFloor ?? 1;
    if (!(Number.isInteger(k) && k >= 1 && k <= matrix.rows)) {
      throw new RangeError(`GaussianMixture.fit: k must be an integer in 1..${matrix.rows} (the row count), got ${k}`);
    }
    if (!(Number.isInteger(restarts) && restarts >= 1)) throw new RangeError(`GaussianMixture.fit: restarts must be a positive integer, got ${restarts}`);
    if (!(floorShare >= 0)) throw new RangeError(`GaussianMixture.fit: varianceFloor must be ≥ 0, got ${floorShare}`);
    if (!(pooledFloor >= 0)) throw new RangeError(`GaussianMixture.fit: pooledVarianceFloor must be ≥ 0, got ${pooledFloor}`);

    const { mean, variance } = columnMoments(matrix);
    const floor = variance.map((v) => floorShare * v + 1e-9);
    const random = new SeededRandom(seed);
    let best: { model: GaussianMixture; logLikelihood: number } | null = null;
    for (let r = 0; r < restarts; r++) {
      const model = new GaussianMixture(k, matrix.cols, floor, pooledFloor, mean, 0);
      model.initialise(matrix, variance, Math.floor(random.next() * 4294967296));
      const logLikelihood = model.runEm(matrix, maxIterations, tolerance);
      if (best === null || logLikelihood > best.logLikelihood) best = { model, logLikelihood };
    }
    return best!.model;
  }

  static fromState(state: GaussianMixtureState): GaussianMixture {
    const k = state.weights.length;
    const d = state.origin.length;
    const shaped = (rows: number[][], name: string): Float64Array => {
      if (rows.length !== k || rows.some((row) => row.length !== d)) throw new RangeError(`GaussianMixture.fromState: ${name} must be ${k} × ${d}`);
      return Float64Array.from(rows.flat());
    };
    if (k === 0) throw new RangeError('GaussianMixture.fromState: no components');
    if (state.varianceFloor.length !== d || state.statistics.counts.length !== k) {
      throw new RangeError(`GaussianMixture.fromState: varianceFloor must have ${d} entries and statistics.counts ${k}`);
    }
    if (!(state.pooledVarianceFloor >= 0)) throw new RangeError(`GaussianMixture.fromState: pooledVarianceFloor must be ≥ 0, got ${state.pooledVarianceFloor}`);
    const model = new GaussianMixture(k, d, Float64Array.from(state.varianceFloor), state.pooledVarianceFloor, Float64Array.from(state.origin), state.updates);
    model.weights.set(state.weights);
    model.means.set(shaped(state.means, 'means'));
    model.variances.set(shaped(state.variances, 'variances'));
    model.counts.set(state.statistics.counts);
    model.sums.set(shaped(state.statistics.sums, 'statistics.sums'));
    model.squaredSums.set(shaped(state.statistics.squaredSums, 'statistics.squaredSums'));
    model.refresh();
    return model;
  }

  /** Free parameters: k·d means, k·d variances and k - 1 weights (variances held at a floor still count: BIC errs towards fewer components). */
  get parameterCount(): number {
    return this.k * (2 * this.dimension + 1) - 1;
  }

  componentWeights(): number[] {
    return Array.from(this.weights);
  }

  /** Total log-likelihood of the rows. */
  logLikelihood(data: MatrixInput): number {
    const matrix = this.checked(data, 'logLikelihood');
    let total = 0;
    for (let i = 0; i < matrix.rows; i++) total += this.logJoint(matrix.values, i * matrix.cols);
    return total;
  }

  /** Bayesian information criterion, -2 log L + p ln n; lower is better. */
  bic(data: MatrixInput): number {
    const matrix = this.checked(data, 'bic');
    return -2 * this.logLikelihood(matrix) + this.parameterCount * Math.log(matrix.rows);
  }

  /** Posterior probability of each component for one row. */
  responsibilities(row: ArrayLike<number>): number[] {
    const values = Float64Array.from(row);
    if (values.length !== this.dimension) throw new RangeError(`GaussianMixture.responsibilities: row has ${values.length} columns, the model expects ${this.dimension}`);
    const logTotal = this.logJoint(values, 0);
    return Array.from(this.scratch, (logP) => Math.exp(logP - logTotal));
  }

  predict(row: ArrayLike<number>): number {
    const posterior = this.responsibilities(row);
    return posterior.indexOf(Math.max(...posterior));
  }

  predictAll(data: MatrixInput): Int32Array {
    const matrix = this.checked(data, 'predictAll');
    const labels = new Int32Array(matrix.rows);
    for (let i = 0; i < matrix.rows; i++) {
      this.logJoint(matrix.values, i * matrix.cols);
      let best = 0;
      for (let c = 1; c < this.k; c++) if (this.scratch[c]! > this.scratch[best]!) best = c;
      labels[i] = best;
    }
    return labels;
  }

  /**
   * Online EM step: the new rows' responsibilities under the current model are added to the
   * running statistics (old ones scaled by `decay`, or by 1 - learningRate), then one M-step.
   * Nothing is refitted: the components keep their identity and number.
   */
  partialFit(data: MatrixInput, options: PartialFitOptions = {}): void {
    const matrix = this.checked(data, 'partialFit');
    const { learningRate, decay } = options;
    if (learningRate !== undefined && decay !== undefined) throw new RangeError('GaussianMixture.partialFit: give learningRate or decay, not both');
    if (learningRate !== undefined && !(learningRate > 0 && learningRate <= 1)) throw new RangeError(`GaussianMixture.partialFit: learningRate must be in (0, 1], got ${learningRate}`);
    if (decay !== undefined && !(decay >= 0 && decay <= 1)) throw new RangeError(`GaussianMixture.partialFit: decay must be in [0, 1], got ${decay}`);

    const fresh = { counts: new Float64Array(this.k), sums: new Float64Array(this.sums.length), squaredSums: new Float64Array(this.sums.length) };
    this.accumulate(matrix, fresh);
    const remembered = this.counts.reduce((s, c) => s + c, 0);
    const keep = learningRate !== undefined ? 1 - learningRate : (decay ?? 1);
    const add = learningRate !== undefined ? (learningRate * remembered) / matrix.rows : 1;
    const blend = (old: Float64Array, added: Float64Array) => {
      for (let i = 0; i < old.length; i++) old[i] = keep * old[i]! + add * added[i]!;
    };
    blend(this.counts, fresh.counts);
    blend(this.sums, fresh.sums);
    blend(this.squaredSums, fresh.squaredSums);
    this.maximise();
    this.updates++;
  }

  state(): GaussianMixtureState {
    return {
      weights: Array.from(this.weights),
      means: this.rowsOf(this.means),
      variances: this.rowsOf(this.variances),
      varianceFloor: Array.from(this.floor),
      pooledVarianceFloor: this.pooledFloor,
      origin: Array.from(this.origin),
      statistics: { counts: Array.from(this.counts), sums: this.rowsOf(this.sums), squaredSums: this.rowsOf(this.squaredSums) },
      updates: this.updates,
    };
  }

  /** Statistics of a short k-means run's hard assignment; a component k-means left empty starts at its centroid with the data's variance. */
  private initialise(matrix: DenseMatrix, dataVariance: Float64Array, seed: number): void {
    const d = this.dimension;
    const { centroids, labels } = kMeans(matrix, { k: this.k, seed, maxIterations: 20 });
    this.means.set(centroids.values);
    for (let c = 0; c < this.k; c++) this.variances.set(dataVariance.map((v, j) => Math.max(v, this.floor[j]!)), c * d);
    this.counts.fill(0);
    this.sums.fill(0);
    this.squaredSums.fill(0);
    for (let i = 0; i < matrix.rows; i++) {
      const c = labels[i]!;
      this.counts[c]!++;
      for (let j = 0; j < d; j++) {
        const y = matrix.values[i * d + j]! - this.origin[j]!;
        this.sums[c * d + j]! += y;
        this.squaredSums[c * d + j]! += y * y;
      }
    }
    this.maximise();
  }

  /** EM until the log-likelihood per row stops improving; returns the last log-likelihood. */
  private runEm(matrix: DenseMatrix, maxIterations: number, tolerance: number): number {
    let previous = -Infinity;
    let logLikelihood = -Infinity;
    const statistics = { counts: this.counts, sums: this.sums, squaredSums: this.squaredSums };
    for (let iteration = 0; iteration < maxIterations; iteration++) {
      this.counts.fill(0);
      this.sums.fill(0);
      this.squaredSums.fill(0);
      logLikelihood = this.accumulate(matrix, statistics);
      this.maximise();
      if (logLikelihood - previous < tolerance * matrix.rows) break;
      previous = logLikelihood;
    }
    return logLikelihood;
  }

  /** E-step: adds each row's responsibility-weighted statistics into `into`; returns the log-likelihood. */
  private accumulate(matrix: DenseMatrix, into: { counts: Float64Array; sums: Float64Array; squaredSums: Float64Array }): number {
    const { rows, cols: d, values } = matrix;
    const { counts, sums, squaredSums } = into;
    const origin = this.origin;
    const posterior = this.scratch;
    let total = 0;
    for (let i = 0; i < rows; i++) {
      const offset = i * d;
      const logTotal = this.logJoint(values, offset);
      total += logTotal;
      for (let c = 0; c < this.k; c++) {
        const r = Math.exp(posterior[c]! - logTotal);
        if (r === 0) continue;
        counts[c]! += r;
        const base = c * d;
        for (let j = 0; j < d; j++) {
          const y = values[offset + j]! - origin[j]!;
          sums[base + j]! += r * y;
          squaredSums[base + j]! += r * y * y;
        }
      }
    }
    return total;
  }

  /** M-step from the running statistics; a component with no mass left keeps its mean and variances. */
  private maximise(): void {
    const d = this.dimension;
    const total = this.counts.reduce((s, c) => s + c, 0);
    const pooled = new Float64Array(d);
    for (let c = 0; c < this.k; c++) {
      const n = this.counts[c]!;
      this.weights[c] = total > 0 ? n / total : 1 / this.k;
      if (!(n > 1e-10 * total)) continue;
      for (let j = 0; j < d; j++) {
        const m = this.sums[c * d + j]! / n;
        const within = Math.max(0, this.squaredSums[c * d + j]! - n * m * m);
        this.means[c * d + j] = this.origin[j]! + m;
        this.variances[c * d + j] = within / n;
        pooled[j]! += within;
      }
    }
    for (let j = 0; j < d; j++) {
      const floor = Math.max(this.floor[j]!, total > 0 ? (this.pooledFloor * pooled[j]!) / total : 0);
      for (let c = 0; c < this.k; c++) if (this.variances[c * d + j]! < floor) this.variances[c * d + j] = floor;
    }
    this.refresh();
  }

  private refresh(): void {
    const d = this.dimension;
    for (let c = 0; c < this.k; c++) {
      let logDeterminant = 0;
      for (let j = 0; j < d; j++) {
        const v = this.variances[c * d + j]!;
        logDeterminant += Math.log(v);
        this.precisions[c * d + j] = 1 / v;
      }
      this.logConstants[c] = Math.log(Math.max(this.weights[c]!, 1e-300)) - 0.5 * (d * LOG_TWO_PI + logDeterminant);
    }
  }

  /** Fills `scratch` with log(weight · density) per component; returns their log-sum-exp, log p(row). */
  private logJoint(values: Float64Array, offset: number): number {
    const d = this.dimension;
    const means = this.means;
    const precisions = this.precisions;
    let max = -Infinity;
    for (let c = 0; c < this.k; c++) {
      const base = c * d;
      let quadratic = 0;
      for (let j = 0; j < d; j++) {
        const diff = values[offset + j]! - means[base + j]!;
        quadratic += diff * diff * precisions[base + j]!;
      }
      const logP = this.logConstants[c]! - 0.5 * quadratic;
      this.scratch[c] = logP;
      if (logP > max) max = logP;
    }
    let sum = 0;
    for (let c = 0; c < this.k; c++) sum += Math.exp(this.scratch[c]! - max);
    return max + Math.log(sum);
  }

  private checked(data: MatrixInput, method: string): DenseMatrix {
    const matrix = toDenseMatrix(data, `GaussianMixture.${method}`);
    if (matrix.cols !== this.dimension) throw new RangeError(`GaussianMixture.${method}: rows have ${matrix.cols} columns, the model expects ${this.dimension}`);
    return matrix;
  }

  private rowsOf(values: Float64Array): number[][] {
    const d = this.dimension;
    return Array.from({ length: this.k }, (_, c) => Array.from(values.subarray(c * d, (c + 1) * d)));
  }
}
