import type { ClickHouseAdapter } from '#clickhouse';
import { DemandForecastModel, demandForecastFamily, type DemandForecastTraining, type DemandTrainingProgress, type ProductHistory } from '#forecast';
import { saveModel, type PromotionRule, type ServedModel } from '#models';
import type { TrainingJob, TrainingOutcome, TrainingProgress } from '../training-job';
import { DemandHistory } from './demand-history';

export interface DemandForecastJobOptions {
  cron: string;
  /** Product-days of demand needed before a scheduled run trains. */
  minRows: number;
  /** Days of history read, ending on the last complete day. */
  historyDays: number;
  training: DemandForecastTraining;
  /** How much higher than the live version's holdout MASE a candidate may score and be promoted. */
  tolerance: number;
  codeVersion: string;
  /** Product embeddings (e.g. of descriptions) for the global model, when a text model is configured. */
  embed?: (histories: readonly ProductHistory[]) => Promise<number[][]>;
}

/**
 * The forecast service's demand model, retrained on a schedule and from uploaded CSVs. A candidate
 * is trained on history that stops `horizon` days early and scored by mean MASE on those days
 * (promotion metric, lower is better); the artifact is then trained again on all of it.
 */
export class DemandForecastJob implements TrainingJob {
  readonly name = 'demand-forecast';
  readonly model = 'demand-forecast';
  readonly description = 'Demand forecasts per product: global network, decomposition or seasonal naive per category by backtest (forecast service)';
  readonly promotion: PromotionRule;
  private readonly history: DemandHistory;

  constructor(
    clickhouse: ClickHouseAdapter,
    private readonly options: DemandForecastJobOptions,
  ) {
    this.history = new DemandHistory(clickhouse, options.historyDays);
    this.promotion = { metric: 'mase', direction: 'lower-is-better', tolerance: options.tolerance };
  }

  get cron(): string {
    return this.options.cron;
  }

  get minRows(): number {
    return this.options.minRows;
  }

  countRows(now: number): Promise<number> {
    return this.history.countRows(now);
  }

  async train(now: number, live: ServedModel<unknown> | undefined, onProgress: (p: TrainingProgress) => void = () => undefined): Promise<TrainingOutcome> {
    const { horizon } = this.options.training;
    onProgress({ stage: 'loading', message: `reading up to ${this.options.historyDays} days of daily demand from ClickHouse` });
    const { lastDay, histories: loaded, rows } = await this.history.load(now);
    const histories = await this.withEmbeddings(loaded, onProgress);
    const seen = histories
      .map((h) => ({ ...h, series: { ...h.series, values: h.series.values.slice(0, -horizon), discounts: h.series.discounts?.slice(0, -horizon) } }))
      .filter((h) => h.series.values.length >= 14);
    if (seen.length === 0) throw new Error(`too little history to train and evaluate: no product has ${14 + horizon} days up to ${new Date(lastDay * 86_400_000).toISOString().slice(0, 10)}`);
    onProgress({ stage: 'training', message: `training on ${seen.length} products without the last ${horizon} days, to evaluate on them` });
    const training = this.trainingFor(histories);
    const evaluated = await DemandForecastModel.train(seen, training, stageOf('evaluation', onProgress));
    onProgress({ stage: 'evaluating', message: `scoring the last ${horizon} days` });
    const actuals = new Map(histories.map((h) => [h.profile.productId, h.series.values.slice(-horizon)]));
    // Promotions are planned ahead: the held-out days' discounts are known when forecasting them.
    const planned = new Map(histories.map((h) => [h.profile.productId, h.series.discounts?.slice(-horizon) ?? []]));
    const holdoutMase = evaluated.holdoutMase(actuals, new Map(seen.map((h) => [h.profile.productId, h.series.values])), planned);
    onProgress({ stage: 'evaluating', message: `holdout MASE ${holdoutMase.toFixed(4)} (seasonal naive = 1 on the history; lower is better)`, mase: holdoutMase });

    onProgress({ stage: 'training', message: `training on all history of ${histories.length} products` });
    const model = await DemandForecastModel.train(histories, training, stageOf('final', onProgress));
    const methods: Record<string, number> = {};
    for (const p of model.state.products) methods[`products_${p.method.replace('-', '_')}`] = (methods[`products_${p.method.replace('-', '_')}`] ?? 0) + 1;
    const candidate = saveModel(demandForecastFamily, model, {
      model: this.model,
      createdAt: now,
      trainingWindow: { start: (lastDay - this.options.historyDays + 1) * 86_400_000, end: (lastDay + 1) * 86_400_000 },
      rowCount: rows,
      metrics: { mase: holdoutMase, products: model.state.products.length, holdoutDays: horizon, ...methods },
      parentVersion: live?.manifest.version ?? null,
      codeVersion: this.options.codeVersion,
    });
    // The live version was trained on days this holdout covers: its own holdout score is the fair comparison.
    return { candidate, liveScore: live?.manifest.metrics['mase'] };
  }

  /** The global model sees the embeddings the histories carry. */
  private trainingFor(histories: readonly ProductHistory[]): DemandForecastTraining {
    const { neural } = this.options.training;
    const embeddingDimensions = histories[0]?.embedding?.length ?? 0;
    return neural ? { ...this.options.training, neural: { ...neural, embeddingDimensions } } : this.options.training;
  }

  private async withEmbeddings(histories: ProductHistory[], onProgress: (p: TrainingProgress) => void): Promise<ProductHistory[]> {
    if (!this.options.embed) return histories;
    onProgress({ stage: 'loading', message: `embedding ${histories.length} product descriptions` });
    const vectors = await this.options.embed(histories);
    return histories.map((h, i) => ({ ...h, embedding: vectors[i]! }));
  }
}

function stageOf(run: 'evaluation' | 'final', onProgress: (p: TrainingProgress) => void): (p: DemandTrainingProgress) => void {
  const runName = run === 'evaluation' ? 'holdout run' : 'final run';
  return (p) =>
    onProgress({
      stage: 'training',
      message: `${runName}: ${p.message}`,
      // Which network the epochs belong to: each run trains one to backtest and, when chosen, one to serve.
      ...(p.model ? { model: `${runName}, global network${p.model === 'validation' ? ' (backtest)' : ''}` } : {}),
      ...(p.epoch !== undefined ? { epoch: p.epoch, epochs: p.epochs, loss: p.loss, validation_loss: p.validationLoss } : {}),
    });
}
