export const FORECAST_CONFIG = Symbol('ForecastConfig');
export const DEMAND_FORECASTS = Symbol('DemandForecasts');
export const RETRAIN_RUNS = Symbol('RetrainRuns');
export const SALES_UPLOADS = Symbol('SalesUploads');
export const FORECAST_HEALTH = Symbol('ForecastHealth');
