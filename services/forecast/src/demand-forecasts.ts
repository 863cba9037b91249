import { inventoryLevels, type DemandForecastModel } from '#forecast';
import type { ModelHolder } from '#models';
import type { ForecastRequest } from './forecast-request';
import { forecastResponse, type ForecastResponse } from './forecast-response';
import type { RecentDemand } from './recent-demand';

export interface PolicyDefaults {
  intervalLevel: number;
  reviewPeriodDays: number;
  chartHistoryDays: number;
}

export class ModelNotReadyError extends Error {
  constructor(model: string) {
    super(`no version of "${model}" is loaded yet: it is trained by the trainer's schedule or by POST /retrain with a CSV`);
    this.name = 'ModelNotReadyError';
  }
}

/**
 * Answers seed 001's /forecast from the served model: the matching products' forecasts summed,
 * starting after the latest complete day of sales, with inventory levels from their distribution.
 */
export class DemandForecasts {
  constructor(
    private readonly holder: ModelHolder<DemandForecastModel>,
    private readonly recent: RecentDemand,
    private readonly policy: PolicyDefaults,
  ) {}

  forecast(request: ForecastRequest): ForecastResponse {
    const served = this.holder.current();
    if (!served) throw new ModelNotReadyError(this.holder.modelName);
    const { model, manifest } = served;
    const covered = Math.max(request.days, request.leadTimeDays + this.policy.reviewPeriodDays);
    const aggregate = model.forecast(request.filter, covered, this.policy.intervalLevel, this.recent.current()?.series);
    const levels = inventoryLevels(aggregate.forecast, {
      leadTimeDays: request.leadTimeDays,
      serviceLevel: request.serviceLevel,
      reviewPeriodDays: this.policy.reviewPeriodDays,
      historyDays: aggregate.historyDays,
      ...(request.onHand !== undefined ? { onHand: request.onHand } : {}),
    });
    const history = this.recent.summed(aggregate.productIds, this.policy.chartHistoryDays, aggregate.originDay, (id) => model.recentDemand(id));
    return forecastResponse({
      aggregate,
      levels,
      days: request.days,
      model: { name: manifest.model, version: manifest.version },
      leadTimeDays: request.leadTimeDays,
      serviceLevel: request.serviceLevel,
      history,
    });
  }
}
