import { bool, int, loadServiceConfig, optionalStr, str, type ConfigOf, type PlatformConfig } from '#config';

export const feedbackEnv = {
  httpPort: int('FEEDBACK_HTTP_PORT', 'Port of the ML API (/api/ml/…: prompt optimisation, style profiles, validation, diverse selection, user clusters)', 8092, { min: 0, max: 65535 }),
  learn: bool('FEEDBACK_LEARN', 'Learn from the feedback topic (exactly one replica); false: serve the active reward-model version, swapped in as the learner publishes', true),
  groupId: str('FEEDBACK_GROUP_ID', 'Consumer group of the reward learner (one replica learns; the others serve its snapshots)', 'pulse-feedback'),
  commitIntervalMs: int('FEEDBACK_COMMIT_INTERVAL_MS', 'Feedback events are learned, traced in ClickHouse and committed at least this often', 500, { min: 10 }),
  maxUsers: int('FEEDBACK_MAX_USERS', 'Users with a personal reward delta (kept in every snapshot); the least recently active is forgotten beyond it and scored by the shared model', 10_000, { min: 1 }),
  hashBits: int('FEEDBACK_HASH_BITS', 'Hashed feature columns of the reward model: 2^bits', 14, { min: 8, max: 22 }),
  textModelDir: optionalStr('FEEDBACK_TEXT_MODEL_DIR', 'Local @huggingface/transformers feature-extraction model for prompt embeddings (nothing downloads); unset: hashed prompt words only'),
  snapshotIntervalMs: int('FEEDBACK_SNAPSHOT_INTERVAL_MS', 'How often the reward model is published as a new version (and at shutdown, and on POST /api/ml/rlhf/train)', 300_000, { min: 1_000 }),
  snapshotsKept: int('FEEDBACK_SNAPSHOTS_KEPT', 'Reward model versions kept; older ones are cleaned up after each snapshot', 5, { min: 2 }),
  codeVersion: str('PULSE_CODE_VERSION', 'Recorded in every model manifest as the training code version', '0.1.0'),
};

export type FeedbackConfig = ConfigOf<typeof feedbackEnv> & { platform: PlatformConfig };

export function loadFeedbackConfig(env: NodeJS.ProcessEnv = process.env): FeedbackConfig {
  return loadServiceConfig(feedbackEnv, env);
}
