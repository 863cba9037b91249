export * from './job-scheduler';
export * from './jobs/request-risk.features';
export * from './jobs/request-risk.job';
export * from './training-job';
export * from './jobs/request-outliers.job';
export * from './jobs/demand-history';
export * from './jobs/demand-forecast.job';
export * from './jobs/demand-forecast.config';
