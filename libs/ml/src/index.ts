export * from './linear/logistic-regression';
export * from './linear/logistic-regression.family';
export * from './metrics/classification-metrics';
