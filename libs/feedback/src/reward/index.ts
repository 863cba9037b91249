export * from './calibration-monitor';
export * from './feedback-features';
export * from './feedback-reward-model';
export * from './online-reward-model';
export * from './reward-signal';
