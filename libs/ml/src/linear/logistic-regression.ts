export interface LogisticRegressionOptions {
  learningRate: number;
  maxIterations: number;
  /** 'l2' (ridge), 'l1' (lasso, by proximal soft-thresholding) or 'none'. */
  regularization: 'l1' | 'l2' | 'none';
  lambda: number;
  /** Stop when the training loss improves by less than this between iterations. */
  tolerance: number;
}

export const defaultLogisticRegressionOptions: LogisticRegressionOptions = {
  learningRate: 0.1,
  maxIterations: 2000,
  regularization: 'l2',
  lambda: 0.01,
  tolerance: 1e-7,
};

/** Everything needed to predict: standardisation, weights and bias. JSON-serialisable. */
export interface LogisticRegressionState {
  featureNames: string[];
  means: number[];
  scales: number[];
  weights: number[];
  bias: number;
  /** Training loss per iteration, for the training report. */
  lossHistory: number[];
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Binary logistic regression written out by hand (seed 002's manual implementation): features
 * standardised, full-batch gradient descent with L1 or L2 penalty, early stopping. Deterministic:
 * no randomness at all.
 */
export class LogisticRegression {
  private constructor(readonly state: LogisticRegressionState) {}

  static fromState(state: LogisticRegressionState): LogisticRegression {
    const d = state.featureNames.length;
    for (const [name, arr] of [['means', state.means], ['scales', state.scales], ['weights', state.weights]] as const) {
      if (!Array.isArray(arr) || arr.length !== d || !arr.every(Number.isFinite)) throw new Error(`LogisticRegression state: ${name} must hold ${d} finite numbers`);
    }
    if (!Number.isFinite(state.bias)) throw new Error('LogisticRegression state: bias must be finite');
    return new LogisticRegression(state);
  }

  static fit(featureNames: string[], rows: number[][], labels: number[], options: Partial<LogisticRegressionOptions> = {}): LogisticRegression {
    const o = { ...defaultLogisticRegressionOptions, ...options };
    const n = rows.length;
    const d = featureNames.length;
    if (n === 0) throw new Error('LogisticRegression.fit needs at least one row');
    if (labels.length !== n) throw new Error(`LogisticRegression.fit: ${labels.length} labels for ${n} rows`);
    rows.forEach((r, i) => {
      if (r.length !== d) throw new Error(`LogisticRegression.fit: row ${i} has ${r.length} values, expected ${d}`);
    });
    const means = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
    const scales = Array.from({ length: d }, (_, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j]! - means[j]!) ** 2, 0) / n) || 1);
    const x = rows.map((r) => r.map((v, j) => (v - means[j]!) / scales[j]!));

    const weights = new Array<number>(d).fill(0);
    let bias = 0;
    const lossHistory: number[] = [];
    const gradient = new Array<number>(d);
    for (let iteration = 0; iteration < o.maxIterations; iteration++) {
      gradient.fill(0);
      let gradientBias = 0;
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const xi = x[i]!;
        let z = bias;
        for (let j = 0; j < d; j++) z += weights[j]! * xi[j]!;
        const p = sigmoid(z);
        const error = p - labels[i]!;
        for (let j = 0; j < d; j++) gradient[j]! += error * xi[j]!;
        gradientBias += error;
        loss -= labels[i] === 1 ? Math.log(Math.max(p, 1e-15)) : Math.log(Math.max(1 - p, 1e-15));
      }
      loss /= n;
      if (o.regularization === 'l2') loss += (o.lambda / 2) * weights.reduce((s, w) => s + w * w, 0);
      if (o.regularization === 'l1') loss += o.lambda * weights.reduce((s, w) => s + Math.abs(w), 0);
      lossHistory.push(loss);
      for (let j = 0; j < d; j++) {
        let w = weights[j]! - o.learningRate * (gradient[j]! / n + (o.regularization === 'l2' ? o.lambda * weights[j]! : 0));
        if (o.regularization === 'l1') w = Math.sign(w) * Math.max(0, Math.abs(w) - o.learningRate * o.lambda);
        weights[j] = w;
      }
      bias -= (o.learningRate * gradientBias) / n;
      const previous = lossHistory[lossHistory.length - 2];
      if (previous !== undefined && previous - loss < o.tolerance) break;
    }
    return new LogisticRegression({ featureNames: [...featureNames], means, scales, weights, bias, lossHistory });
  }

  /** Probability of the positive class for one row of raw (unstandardised) features. */
  predictProbability(row: ArrayLike<number>): number {
    const { means, scales, weights, bias } = this.state;
    let z = bias;
    for (let j = 0; j < weights.length; j++) z += (weights[j]! * ((row[j] as number) - means[j]!)) / scales[j]!;
    return sigmoid(z);
  }

  /** |weight| per feature on the standardised scale, largest first. */
  featureImportance(): { feature: string; weight: number }[] {
    return this.state.featureNames.map((feature, j) => ({ feature, weight: this.state.weights[j]! })).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  }
}
