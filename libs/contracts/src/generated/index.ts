// Generated from schemas/*.avsc by `npm run codegen`. Do not edit.
/* eslint-disable */

export * from './anomalies';
export * from './feedback';
export * from './forecasts';
export * from './model-artifacts';
export * from './products';
export * from './request-log';
export * from './sales';
