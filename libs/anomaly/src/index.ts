export * from './windows/log-histogram';
export * from './windows/request-window.aggregator';
export * from './detectors/anomaly-likelihood';
export * from './detectors/normal-tail';
export * from './detectors/seasonal-baseline.detector';
export * from './evaluation/score-series';
export * from './evaluation/series-csv';
export * from './evaluation/window-scorer';
