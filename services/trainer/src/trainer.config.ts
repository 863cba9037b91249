import { int, loadServiceConfig, num, str, type ConfigOf, type PlatformConfig } from '#config';
import { demandModelEnv, type DemandModelConfig } from '#training';

export const trainerEnv = {
  httpPort: int('TRAINER_HTTP_PORT', 'Port of the trainer HTTP API (schedules, versions, rollback)', 8090, { min: 0, max: 65535 }),
  requestRiskCron: str('TRAINER_REQUEST_RISK_CRON', 'When the request-risk model retrains (cron, UTC); seed 002: hourly', '0 * * * *'),
  requestRiskMinRows: int('TRAINER_REQUEST_RISK_MIN_ROWS', 'Skip a scheduled request-risk run with fewer requests in the window', 500, { min: 1 }),
  requestRiskMinAuc: num('TRAINER_REQUEST_RISK_MIN_AUC', 'Holdout AUC a request-risk candidate must reach to be promoted (performance threshold)', 0.6, { min: 0, max: 1 }),
  requestRiskWindowHours: int('TRAINER_REQUEST_RISK_WINDOW_HOURS', 'Event-time window of request-risk training data, ending at the newest request', 24, { min: 1 }),
  requestRiskMaxRows: int('TRAINER_REQUEST_RISK_MAX_ROWS', 'At most this many requests are read per run (deterministic sample)', 200_000, { min: 100 }),
  requestOutliersCron: str('TRAINER_REQUEST_OUTLIERS_CRON', 'When the per-request outlier forests of the anomaly service retrain (cron, UTC)', '15 * * * *'),
  requestOutliersMinRows: int('TRAINER_REQUEST_OUTLIERS_MIN_ROWS', 'Skip a scheduled request-outliers run with fewer requests in the window', 2_000, { min: 10 }),
  requestOutliersMinAuc: num('TRAINER_REQUEST_OUTLIERS_MIN_AUC', 'Holdout AUC (ordinary vs incident-like requests) a request-outliers candidate must reach', 0.8, { min: 0, max: 1 }),
  requestOutliersWindowHours: int('TRAINER_REQUEST_OUTLIERS_WINDOW_HOURS', 'Event-time window of request-outliers training data, ending at the newest request', 24, { min: 1 }),
  requestOutliersMaxRows: int('TRAINER_REQUEST_OUTLIERS_MAX_ROWS', 'At most this many requests are read per request-outliers run (deterministic sample)', 200_000, { min: 100 }),
  fullRetrainCron: str('TRAINER_FULL_RETRAIN_CRON', 'When every model retrains in turn (cron, UTC); seed 002: Mondays 05:00', '0 5 * * 1'),
  autoRollbackCron: str('TRAINER_AUTO_ROLLBACK_CRON', 'When live metrics are checked for automatic rollback (cron, UTC)', '*/5 * * * *'),
  autoRollbackDegradation: num('TRAINER_AUTO_ROLLBACK_DEGRADATION', 'Roll back when the live metric is this much (relative) worse than the holdout value', 0.05, { min: 0, max: 1 }),
  autoRollbackMinObservations: int('TRAINER_AUTO_ROLLBACK_MIN_OBSERVATIONS', 'Live observations needed before an automatic rollback is considered', 5, { min: 1 }),
  maxModelVersions: int('MAX_MODEL_VERSIONS', 'Cleanup keeps at most this many versions per model (active and previous always kept)', 10, { min: 2 }),
  modelRetentionDays: int('MODEL_RETENTION_DAYS', 'Cleanup deletes versions older than this (active and previous always kept)', 30, { min: 1 }),
  cleanupCron: str('TRAINER_CLEANUP_CRON', 'When old model versions are cleaned up (cron, UTC)', '30 5 * * *'),
  codeVersion: str('PULSE_CODE_VERSION', 'Recorded in every model manifest as the training code version', '0.1.0'),
};

export type TrainerConfig = ConfigOf<typeof trainerEnv> & DemandModelConfig & { platform: PlatformConfig };

export function loadTrainerConfig(env: NodeJS.ProcessEnv = process.env): TrainerConfig {
  return loadServiceConfig({ ...trainerEnv, ...demandModelEnv }, env);
}

export const TRAINER_CONFIG = Symbol('TrainerConfig');
export const JOB_SCHEDULER = Symbol('JobScheduler');
export const MODEL_LIFECYCLE = Symbol('ModelLifecycle');
export const MODEL_VERSION_STORE = Symbol('ModelVersionStore');
export const SERVED_MODELS = Symbol('ServedModels');
