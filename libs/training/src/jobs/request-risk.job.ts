import type { ClickHouseAdapter } from '#clickhouse';
import { LogisticRegression, logLoss, logisticRegressionFamily, rocAuc } from '#ml';
import { saveModel, type PromotionRule, type ServedModel } from '#models';
import type { TrainingJob, TrainingOutcome } from '../training-job';
import { RequestLogWindow } from './request-log-window';
import { isServerError, requestRiskFeatureNames, requestRiskFeatures, splitByTime, type RequestSample } from './request-risk.features';

export interface RequestRiskOptions {
  cron: string;
  minRows: number;
  /** Holdout AUC a candidate must reach to be promoted at all (seed 002's performance threshold). */
  minAuc: number;
  /** Event-time window ending at the newest request. */
  windowHours: number;
  /** At most this many requests are read (a deterministic sample by event id). */
  maxRows: number;
  codeVersion: string;
}

/**
 * Seed 002's request model: the probability that a request fails server-side, from its latency,
 * sizes, method, hour and service; hand-written logistic regression on request_log.
 */
export class RequestRiskJob implements TrainingJob {
  readonly name = 'request-risk';
  readonly model = 'request-risk';
  readonly description = 'P(5xx) of a request from latency, sizes, method, hour and service (logistic regression)';
  readonly promotion: PromotionRule;

  private readonly requests: RequestLogWindow;

  constructor(
    clickhouse: ClickHouseAdapter,
    private readonly options: RequestRiskOptions,
  ) {
    this.requests = new RequestLogWindow(clickhouse, options.windowHours, options.maxRows);
    this.promotion = { metric: 'auc', direction: 'higher-is-better', tolerance: 0.005, floor: options.minAuc };
  }

  get cron(): string {
    return this.options.cron;
  }

  get minRows(): number {
    return this.options.minRows;
  }

  async countRows(): Promise<number> {
    return this.requests.countRows();
  }

  async train(now: number, live: ServedModel<unknown> | undefined): Promise<TrainingOutcome> {
    const { window, rows } = await this.requests.sample<RequestSample>(['service', 'method', 'status', 'response_time_ms', 'request_bytes', 'response_bytes', 'event_ms']);
    const samples = rows.map((r) => ({
      service: String(r.service),
      method: String(r.method),
      status: Number(r.status),
      response_time_ms: Number(r.response_time_ms),
      request_bytes: Number(r.request_bytes),
      response_bytes: Number(r.response_bytes),
      event_ms: Number(r.event_ms),
    }));
    const { train, holdout } = splitByTime(samples, 0.2);
    const labels = holdout.map(isServerError);
    if (!labels.includes(1) || !labels.includes(0)) throw new Error('the holdout needs both failed and successful requests to be evaluated');

    const featureNames = requestRiskFeatureNames([...new Set(train.map((s) => s.service))]);
    const model = LogisticRegression.fit(
      featureNames,
      train.map((s) => requestRiskFeatures(s, featureNames)),
      train.map(isServerError),
      { maxIterations: 500 },
    );
    const scores = holdout.map((s) => model.predictProbability(requestRiskFeatures(s, featureNames)));
    const candidate = saveModel(logisticRegressionFamily, model, {
      model: this.model,
      createdAt: now,
      trainingWindow: window,
      rowCount: train.length,
      metrics: { auc: rocAuc(labels, scores), logLoss: logLoss(labels, scores), holdoutRows: holdout.length },
      parentVersion: live?.manifest.version ?? null,
      codeVersion: this.options.codeVersion,
    });
    return { candidate, liveScore: live ? this.liveScore(live.model as LogisticRegression, holdout, labels) : undefined };
  }

  /** The live model on the candidate's holdout, with its own feature definition. */
  private liveScore(live: LogisticRegression, holdout: RequestSample[], labels: number[]): number {
    const names = live.state.featureNames;
    return rocAuc(labels, holdout.map((s) => live.predictProbability(requestRiskFeatures(s, names))));
  }
}
