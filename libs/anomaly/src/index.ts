export * from './windows/log-histogram';
export * from './windows/request-window.aggregator';
