import { RouteOutlierModel, routeOutlierFamily, type ScoredRequest } from '#anomaly';
import type { ClickHouseAdapter } from '#clickhouse';
import { rocAuc } from '#ml';
import { saveModel, type ServedModel } from '#models';
import type { TrainingOutcome } from '../training-job';
import { RequestLogJob, type RequestLogJobOptions } from './request-log-window';
import { splitByTime } from './request-risk.features';

export type RequestOutliersOptions = RequestLogJobOptions;

type Sample = ScoredRequest & { event_ms: number };

/**
 * Incident-like versions of held-out ordinary requests, one per request in turn: far slower, a
 * flood of request bytes, or a runaway response (slower and far larger). The per-request model is
 * judged on telling these from the ordinary requests it did not see. (Failures are the windowed
 * error rates' job; status is not a per-request feature.)
 */
export function incidentLike(holdout: readonly Sample[]): Sample[] {
  return holdout.map((r, i) => {
    switch (i % 3) {
      case 0:
        return { ...r, response_time_ms: r.response_time_ms * 10 };
      case 1:
        return { ...r, request_bytes: r.request_bytes * 100 + 1_000_000 };
      default:
        return { ...r, response_time_ms: r.response_time_ms * 4, response_bytes: r.response_bytes * 20 };
    }
  });
}

/**
 * The anomaly service's per-request model: an isolation forest per busy route, trained on recent
 * request_log rows and evaluated on the latest ones it did not see against incident-like versions
 * of them.
 */
export class RequestOutliersJob extends RequestLogJob {
  readonly name = 'request-outliers';
  readonly model = 'request-outliers';
  readonly description = 'Per-route isolation forests scoring each request against its route (anomaly service)';

  constructor(clickhouse: ClickHouseAdapter, options: RequestOutliersOptions) {
    super(clickhouse, options, 0.01);
  }

  async train(now: number, live: ServedModel<unknown> | undefined): Promise<TrainingOutcome> {
    const { window, rows } = await this.requests.sample<Sample>(['service', 'route', 'status', 'response_time_ms', 'request_bytes', 'response_bytes', 'event_ms']);
    const samples: Sample[] = rows.map((r) => ({
      service: String(r.service),
      route: String(r.route),
      status: Number(r.status),
      response_time_ms: Number(r.response_time_ms),
      request_bytes: Number(r.request_bytes),
      response_bytes: Number(r.response_bytes),
      event_ms: Number(r.event_ms),
    }));
    const { train, holdout } = splitByTime(samples, 0.2);
    if (train.length < 2 || holdout.length === 0) throw new Error(`too few requests to train and evaluate: ${samples.length}`);
    const model = RouteOutlierModel.fit(train);
    const evaluation = [...holdout, ...incidentLike(holdout)];
    const labels = evaluation.map((_, i) => (i < holdout.length ? 0 : 1));
    const auc = (m: RouteOutlierModel) => rocAuc(labels, evaluation.map((r) => m.score(r)));
    const flagged = holdout.filter((r) => model.outlier(r) !== null).length;
    const candidate = saveModel(routeOutlierFamily, model, {
      model: this.model,
      createdAt: now,
      trainingWindow: window,
      rowCount: train.length,
      metrics: { auc: auc(model), holdoutOutlierShare: flagged / holdout.length, routeForests: model.routeCount, holdoutRows: holdout.length },
      parentVersion: live?.manifest.version ?? null,
      codeVersion: this.options.codeVersion,
    });
    return { candidate, liveScore: live ? auc(live.model as RouteOutlierModel) : undefined };
  }
}
