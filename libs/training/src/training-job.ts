import type { ModelArtifact, PromotionRule, ServedModel } from '#models';

/** What one training run produced: a candidate, and the live version's score on the same holdout. */
export interface TrainingOutcome {
  candidate: ModelArtifact;
  /** The live version's value of the promotion metric on the candidate's holdout; undefined if none is live. */
  liveScore: number | undefined;
}

/** A step of a training run, for people watching it (stage, message, and e.g. epoch and loss). */
export interface TrainingProgress {
  stage: string;
  message: string;
  [detail: string]: unknown;
}

/**
 * One retrainable model: when to train, how much new data it needs, and how to train and evaluate
 * a candidate from ClickHouse data.
 */
export interface TrainingJob {
  readonly name: string;
  readonly model: string;
  readonly description: string;
  /** Five-field cron in UTC, e.g. `0 * * * *` for hourly. */
  readonly cron: string;
  /** Skip a scheduled run when the training window holds fewer rows (seed 002's data threshold). */
  readonly minRows: number;
  readonly promotion: PromotionRule;
  countRows(now: number): Promise<number>;
  train(now: number, live: ServedModel<unknown> | undefined, onProgress?: (progress: TrainingProgress) => void): Promise<TrainingOutcome>;
}
