import * as tf from '@tensorflow/tfjs';
import type { ForecastOptions, SeriesForecast, DailySeries } from './forecaster';
import { quantile, weekdayOf } from './forecaster';
import { hashedFeatures, wordsOf } from './hashing-featurizer';
import { tensorflowBackend } from './tensorflow-backend';

/** A series with what the global model knows about its product. */
export interface ProductSeries extends DailySeries {
  key: string;
  category?: string;
  region?: string;
  description?: string;
  /** A product embedding (e.g. of its description) of `embeddingDimensions` numbers, when one is used. */
  embedding?: readonly number[];
  /** Planned discount share per future day of this series (promotions); overrides the options' `futureDiscounts`. */
  plannedDiscounts?: readonly number[];
}

export interface GlobalModelOptions {
  /** Days of history each window sees (seed 000: 30). */
  window: number;
  /** Days forecast at once (direct multi-horizon output). */
  horizon: number;
  hiddenUnits: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Size of the hashed product features (category, region, description words). */
  productDimensions: number;
  /** Length of each series' `embedding` (0: none is used). */
  embeddingDimensions: number;
  /** Windows used per series at most (the latest ones), to bound training time. */
  maxWindowsPerSeries: number;
  seed: number;
}

export const defaultGlobalModelOptions: GlobalModelOptions = {
  window: 30,
  horizon: 28,
  hiddenUnits: 64,
  epochs: 12,
  batchSize: 512,
  learningRate: 0.003,
  productDimensions: 16,
  embeddingDimensions: 0,
  maxWindowsPerSeries: 400,
  seed: 7,
};

export interface TrainingProgress {
  stage: 'windows' | 'training' | 'calibrating';
  epoch?: number;
  epochs?: number;
  loss?: number;
  validationLoss?: number;
}

export interface GlobalModelState {
  options: GlobalModelOptions;
  weights: { shape: number[]; values: number[] }[];
  /** Per horizon day, the sorted errors (log scale) on the held-out windows: any interval level is read off them. */
  residuals: number[][];
}

/**
 * One neural model for all products (seed 000): a dense network over sliding windows of
 * log1p(units), centred on the window's level, plus calendar, planned discounts and hashed product
 * features, predicting the next `horizon` days at once. Intervals come from its errors on the last
 * `horizon` days of every series, which it does not train on.
 */
export class GlobalNeuralModel {
  private constructor(
    private readonly network: tf.Sequential,
    readonly options: GlobalModelOptions,
    private readonly residuals: number[][],
  ) {}

  static async train(series: readonly ProductSeries[], options: GlobalModelOptions = defaultGlobalModelOptions, onProgress?: (p: TrainingProgress) => void): Promise<GlobalNeuralModel> {
    await tensorflowBackend();
    onProgress?.({ stage: 'windows' });
    const train: { x: number[]; y: number[] }[] = [];
    const holdout: { x: number[]; y: number[] }[] = [];
    const o = options;
    for (const s of series) {
      const n = s.values.length;
      // The last horizon days are held out: its windows calibrate the intervals.
      const lastTrainEnd = n - 2 * o.horizon;
      const firstEnd = Math.max(o.window - 1, lastTrainEnd - o.maxWindowsPerSeries + 1);
      for (let end = firstEnd; end <= lastTrainEnd; end++) train.push(example(s, end, o));
      if (n - o.horizon - 1 >= o.window - 1) holdout.push(example(s, n - o.horizon - 1, o));
    }
    if (train.length < 10) throw new RangeError(`too little history to train: ${train.length} windows; each series needs ${o.window + 2 * o.horizon} days`);
    shuffle(train, o.seed);

    const inputs = train[0]!.x.length;
    const network = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [inputs], units: o.hiddenUnits, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed }) }),
        tf.layers.dense({ units: o.hiddenUnits, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed + 1 }) }),
        tf.layers.dense({ units: o.horizon, kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed + 2 }) }),
      ],
    });
    network.compile({ optimizer: tf.train.adam(o.learningRate), loss: 'meanSquaredError' });
    const xs = tf.tensor2d(train.map((e) => e.x));
    const ys = tf.tensor2d(train.map((e) => e.y));
    const validation = holdout.length > 0 ? ([tf.tensor2d(holdout.map((e) => e.x)), tf.tensor2d(holdout.map((e) => e.y))] as [tf.Tensor, tf.Tensor]) : undefined;
    try {
      await network.fit(xs, ys, {
        epochs: o.epochs,
        batchSize: o.batchSize,
        shuffle: false,
        verbose: 0,
        validationData: validation,
        callbacks: { onEpochEnd: async (epoch, logs) => onProgress?.({ stage: 'training', epoch: epoch + 1, epochs: o.epochs, loss: logs?.['loss'], validationLoss: logs?.['val_loss'] }) },
      });
    } finally {
      xs.dispose();
      ys.dispose();
      validation?.forEach((t) => t.dispose());
    }
    onProgress?.({ stage: 'calibrating' });
    const model = new GlobalNeuralModel(network, o, []);
    const predicted = holdout.length > 0 ? model.predictRows(holdout.map((e) => e.x)) : [];
    const residuals = Array.from({ length: o.horizon }, (_, h) => holdout.map((e, i) => e.y[h]! - predicted[i]![h]!).sort((a, b) => a - b));
    return new GlobalNeuralModel(network, o, residuals);
  }

  static async fromState(state: GlobalModelState): Promise<GlobalNeuralModel> {
    await tensorflowBackend();
    return GlobalNeuralModel.restore(state);
  }

  /** Like fromState, once `tensorflowBackend()` has resolved. */
  static restore(state: GlobalModelState): GlobalNeuralModel {
    const o = { ...defaultGlobalModelOptions, ...state.options };
    const inputs = state.weights[0]!.shape[0]!;
    const network = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [inputs], units: o.hiddenUnits, activation: 'relu' }),
        tf.layers.dense({ units: o.hiddenUnits, activation: 'relu' }),
        tf.layers.dense({ units: o.horizon }),
      ],
    });
    network.setWeights(state.weights.map((w) => tf.tensor(w.values, w.shape)));
    return new GlobalNeuralModel(network, o, state.residuals);
  }

  toState(): GlobalModelState {
    return {
      options: this.options,
      weights: this.network.getWeights().map((w) => ({ shape: w.shape, values: Array.from(w.dataSync()) })),
      residuals: this.residuals,
    };
  }

  /** Forecasts up to `horizon` days after the series ends (it needs `window` days of history). */
  forecast(series: ProductSeries, options: ForecastOptions): SeriesForecast {
    return this.forecastMany([series], options)[0]!;
  }

  /** Forecasts many series in one batch: the fast path for daily forecasts of the whole catalogue. A series' own `plannedDiscounts` win over `futureDiscounts`. */
  forecastMany(series: readonly ProductSeries[], { horizon, level = 0.8, futureDiscounts }: ForecastOptions): SeriesForecast[] {
    const o = this.options;
    if (horizon > o.horizon) throw new RangeError(`this model forecasts up to ${o.horizon} days, asked for ${horizon}`);
    const rows = series.map((s) => {
      if (s.values.length < o.window) throw new RangeError(`${s.key}: the global model needs ${o.window} days of history, got ${s.values.length}`);
      return example(s, s.values.length - 1, o, s.plannedDiscounts ?? futureDiscounts).x;
    });
    const predicted = this.predictRows(rows);
    const bound = (h: number, q: number) => (this.residuals[h]?.length ? quantile(this.residuals[h]!, q) : 0);
    const low = Array.from({ length: horizon }, (_, h) => bound(h, (1 - level) / 2));
    const high = Array.from({ length: horizon }, (_, h) => bound(h, (1 + level) / 2));
    return series.map((s, i) => {
      const level0 = levelOf(s.values, s.values.length - 1, o.window);
      const out: SeriesForecast = { mean: [], lower: [], upper: [], level };
      for (let h = 0; h < horizon; h++) {
        const centre = level0 + predicted[i]![h]!;
        out.mean.push(Math.max(0, Math.expm1(centre)));
        out.lower.push(Math.max(0, Math.expm1(centre + low[h]!)));
        out.upper.push(Math.max(0, Math.expm1(centre + high[h]!)));
      }
      return out;
    });
  }

  dispose(): void {
    this.network.dispose();
  }

  private predictRows(rows: number[][]): number[][] {
    return tf.tidy(() => {
      const out = this.network.predict(tf.tensor2d(rows), { batchSize: Math.max(1, rows.length) }) as tf.Tensor2D;
      return out.arraySync();
    });
  }
}

function levelOf(values: readonly number[], end: number, window: number): number {
  let sum = 0;
  for (let t = end - window + 1; t <= end; t++) sum += Math.log1p(Math.max(0, values[t]!));
  return sum / window;
}

/** Inputs (and, when the days after `end` are known, targets) of the window ending at day index `end`. */
function example(s: ProductSeries, end: number, o: GlobalModelOptions, plannedDiscounts?: readonly number[]): { x: number[]; y: number[] } {
  const level = levelOf(s.values, end, o.window);
  const x: number[] = [];
  for (let t = end - o.window + 1; t <= end; t++) x.push(Math.log1p(Math.max(0, s.values[t]!)) - level);
  x.push(level / 5);
  const firstDay = s.startDay + end + 1;
  for (let d = 0; d < 7; d++) x.push(weekdayOf(firstDay) === d ? 1 : 0);
  x.push(Math.sin((2 * Math.PI * firstDay) / 365.25), Math.cos((2 * Math.PI * firstDay) / 365.25));
  const lastDiscount = s.discounts?.[end] ?? 0;
  for (let h = 0; h < o.horizon; h++) x.push(plannedDiscounts?.[h] ?? s.discounts?.[end + 1 + h] ?? lastDiscount);
  const tokens = [`category:${s.category ?? ''}`, `region:${s.region ?? ''}`, ...wordsOf(s.description ?? '')];
  x.push(...hashedFeatures(tokens, o.productDimensions));
  for (let i = 0; i < o.embeddingDimensions; i++) x.push(s.embedding?.[i] ?? 0);
  const y: number[] = [];
  for (let h = 1; h <= o.horizon && end + h < s.values.length; h++) y.push(Math.log1p(Math.max(0, s.values[end + h]!)) - level);
  return { x, y };
}

function shuffle<T>(items: T[], seed: number): void {
  let s = seed >>> 0;
  for (let i = items.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
