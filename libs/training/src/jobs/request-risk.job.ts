import type { ClickHouseAdapter } from '#clickhouse';
import { LogisticRegression, logLoss, logisticRegressionFamily, rocAuc } from '#ml';
import { saveModel, type ServedModel } from '#models';
import type { TrainingOutcome } from '../training-job';
import { RequestLogJob, type RequestLogJobOptions } from './request-log-window';
import { isServerError, requestRiskFeatureNames, requestRiskFeatures, splitByTime, type RequestSample } from './request-risk.features';

export type RequestRiskOptions = RequestLogJobOptions;

/**
 * Seed 002's request model: the probability that a request fails server-side, from its latency,
 * sizes, method, hour and service; hand-written logistic regression on request_log.
 */
export class RequestRiskJob extends RequestLogJob {
  readonly name = 'request-risk';
  readonly model = 'request-risk';
  readonly description = 'P(5xx) of a request from latency, sizes, method, hour and service (logistic regression)';

  constructor(clickhouse: ClickHouseAdapter, options: RequestRiskOptions) {
    super(clickhouse, options, 0.005);
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
