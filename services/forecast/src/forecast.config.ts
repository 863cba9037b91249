import { ConfigError, int, loadServiceConfig, num, str, type ConfigOf, type PlatformConfig } from '#config';
import { demandModelEnv, type DemandModelConfig } from '#training';

export const forecastEnv = {
  httpPort: int('FORECAST_HTTP_PORT', 'Port of the forecast HTTP API and page (POST /forecast, POST /retrain)', 8091, { min: 0, max: 65535 }),
  leadTimeDays: int('FORECAST_LEAD_TIME_DAYS', 'Default days from order to stock (a request may give lead_time_days)', 7, { min: 1, max: 60 }),
  serviceLevel: num('FORECAST_SERVICE_LEVEL', 'Default probability of no stock-out within a lead time (a request may give service_level)', 0.95, { min: 0.51, max: 0.999 }),
  reviewPeriodDays: int('FORECAST_REVIEW_PERIOD_DAYS', 'Days between orders: the maximum level covers the lead time plus this', 7, { min: 0, max: 60 }),
  intervalLevel: num('FORECAST_INTERVAL_LEVEL', 'Nominal coverage of the forecast intervals (lower_bound, upper_bound)', 0.8, { min: 0.5, max: 0.99 }),
  defaultDays: int('FORECAST_DEFAULT_DAYS', 'Days forecast when a request does not say (seed 001: 7)', 7, { min: 1, max: 90 }),
  publishDays: int('FORECAST_PUBLISH_DAYS', 'Days in each product forecast published to the forecasts topic and table', 14, { min: 1, max: 90 }),
  refreshIntervalMs: int('FORECAST_REFRESH_INTERVAL_MS', 'How often the latest daily sales are read from ClickHouse (and new forecasts published when the day or model changed)', 300_000, { min: 1_000 }),
  chartHistoryDays: int('FORECAST_CHART_HISTORY_DAYS', 'Days of sales history returned beside a forecast (for the chart)', 90, { min: 0, max: 730 }),
  uploadMaxBytes: int('FORECAST_UPLOAD_MAX_BYTES', 'Largest CSV accepted by POST /retrain (413 beyond it)', 20 * 1024 * 1024, { min: 1024 }),
  uploadMaxRows: int('FORECAST_UPLOAD_MAX_ROWS', 'Most rows accepted in one CSV', 500_000, { min: 1 }),
  codeVersion: str('PULSE_CODE_VERSION', 'Recorded in every model manifest as the training code version', '0.1.0'),
};

export type ForecastConfig = ConfigOf<typeof forecastEnv> & DemandModelConfig & { platform: PlatformConfig };

export function loadForecastConfig(env: NodeJS.ProcessEnv = process.env): ForecastConfig {
  const config = loadServiceConfig({ ...forecastEnv, ...demandModelEnv }, env);
  const tooLong = (['defaultDays', 'publishDays'] as const).filter((k) => config[k] > config.demandHorizonDays);
  if (tooLong.length > 0) {
    throw new ConfigError(tooLong.map((k) => `${k === 'defaultDays' ? 'FORECAST_DEFAULT_DAYS' : 'FORECAST_PUBLISH_DAYS'} (${config[k]}) must not exceed DEMAND_FORECAST_HORIZON_DAYS (${config.demandHorizonDays})`));
  }
  if (config.leadTimeDays + config.reviewPeriodDays > config.demandHorizonDays) {
    throw new ConfigError([`FORECAST_LEAD_TIME_DAYS + FORECAST_REVIEW_PERIOD_DAYS (${config.leadTimeDays + config.reviewPeriodDays}) must not exceed DEMAND_FORECAST_HORIZON_DAYS (${config.demandHorizonDays})`]);
  }
  return config;
}
