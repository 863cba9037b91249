import { ConfigError, int, loadServiceConfig, num, str, type ConfigOf, type PlatformConfig } from '#config';

export const anomalyEnv = {
  groupId: str('ANOMALY_GROUP_ID', 'Consumer group of the anomaly service (one replica: its baselines cover all partitions)', 'pulse-anomaly'),
  windowMs: int('ANOMALY_WINDOW_MS', 'Event-time window of the per-subject aggregates', 60_000, { min: 100 }),
  allowedLatenessMs: int('ANOMALY_ALLOWED_LATENESS_MS', 'Events this far behind the watermark still count; a window is scored this long after it ends', 5_000, { min: 0 }),
  sourceIdleMs: int('ANOMALY_SOURCE_IDLE_MS', 'A partition silent this long stops holding the watermark back', 10_000, { min: 1 }),
  commitIntervalMs: int('ANOMALY_COMMIT_INTERVAL_MS', 'Buffered requests are scored, published and committed at least this often (adds at most this to alert delay)', 100, { min: 10 }),
  maxBufferedEvents: int('ANOMALY_MAX_BUFFERED_EVENTS', 'Score and commit early once this many requests are buffered', 100_000, { min: 100 }),
  maxPartitionSkewMs: int('ANOMALY_MAX_PARTITION_SKEW_MS', 'While catching up, a partition this far ahead in event time of the slowest one is paused', 60_000, { min: 1_000 }),
  fetchBytesPerPartition: int(
    'ANOMALY_FETCH_BYTES_PER_PARTITION',
    'Largest fetch per partition: small, so partitions read during a catch-up stay close in event time',
    256 * 1024,
    { min: 16 * 1024 },
  ),
  maxOpenWindows: int('ANOMALY_MAX_OPEN_WINDOWS', 'Open windows (routes, services and clients) kept at once; the stalest closes early beyond it', 50_000, { min: 3 }),
  maxTrackedSubjects: int('ANOMALY_MAX_TRACKED_SUBJECTS', 'Routes and services with learned baselines (a few KB each); the least recently seen is forgotten beyond it', 10_000, { min: 1 }),
  openThreshold: num('ANOMALY_OPEN_THRESHOLD', 'Anomaly likelihood that opens an incident', 0.99999, { min: 0.5, max: 1 }),
  continueThreshold: num('ANOMALY_CONTINUE_THRESHOLD', 'Anomaly likelihood that keeps an open incident going', 0.999, { min: 0.5, max: 1 }),
  closeAfterQuietWindows: int('ANOMALY_CLOSE_AFTER_QUIET_WINDOWS', 'Quiet windows that close an incident', 3, { min: 1 }),
  heartbeatWindows: int('ANOMALY_HEARTBEAT_WINDOWS', 'An ongoing incident is re-announced at least this often (windows)', 10, { min: 1 }),
  checkpointIntervalMs: int('ANOMALY_CHECKPOINT_INTERVAL_MS', 'How often the learned state is published as a model version (and at shutdown)', 300_000, { min: 1_000 }),
  checkpointsKept: int('ANOMALY_CHECKPOINTS_KEPT', 'State versions kept; older ones are cleaned up after each checkpoint', 5, { min: 2 }),
  codeVersion: str('PULSE_CODE_VERSION', 'Recorded in every model manifest as the training code version', '0.1.0'),
};

export type AnomalyConfig = ConfigOf<typeof anomalyEnv> & { platform: PlatformConfig };

export function loadAnomalyConfig(env: NodeJS.ProcessEnv = process.env): AnomalyConfig {
  const config = loadServiceConfig(anomalyEnv, env);
  if (config.continueThreshold > config.openThreshold) {
    throw new ConfigError([`ANOMALY_CONTINUE_THRESHOLD (${config.continueThreshold}) must not exceed ANOMALY_OPEN_THRESHOLD (${config.openThreshold})`]);
  }
  return config;
}
