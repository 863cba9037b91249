import type { AttributeSpec } from '#contracts';
import type { FeedbackRewardModel, RewardMetrics } from '#feedback';
import type { StateSnapshots } from '#models';
import type { PromptEmbedder, RewardLearner } from './reward-learner';

export interface RewardStatus {
  version: string | null;
  learned: number;
  skipped: number;
  metrics: RewardMetrics;
}

/**
 * The live reward model for the API: scores prompts for a user, and publishes the model's state as
 * a new version on demand (and on the service's schedule), which is what a restart resumes from.
 */
export class RewardService {
  version: string | null;
  /** Events the model had learned at the last snapshot: nothing new, no new version. */
  private snapshotEvents: number;

  constructor(
    private readonly learner: RewardLearner,
    private readonly snapshots: StateSnapshots<FeedbackRewardModel>,
    private readonly embed: PromptEmbedder | undefined,
    restoredVersion: string | null,
  ) {
    this.version = restoredVersion;
    this.snapshotEvents = restoredVersion === null ? -1 : learner.model.model.events;
  }

  /** A scorer for these prompts (their embeddings computed once, when a text model is configured). */
  async scorer(userId: string | null, prompts: readonly string[]): Promise<(prompt: string, spec: AttributeSpec) => number> {
    const embeddings = this.embed ? new Map((await this.embed(prompts)).map((e, i) => [prompts[i]!, e])) : undefined;
    const model = this.learner.model;
    return (prompt, spec) => model.score(userId, { prompt, attributes: spec, quality_score: null, ...(embeddings ? { embedding: embeddings.get(prompt) } : {}) });
  }

  /** Publishes the live state as the active version, unless nothing was learned since the last one. */
  async snapshot(now = Date.now()): Promise<{ version: string; published: boolean }> {
    const model = this.learner.model;
    if (this.version !== null && model.model.events === this.snapshotEvents) return { version: this.version, published: false };
    const metrics = model.metrics();
    const events = model.model.events;
    this.version = await this.snapshots.save(
      model,
      {
        rowCount: events,
        trainingWindow: null,
        metrics: Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v))) as Record<string, number>,
      },
      this.version,
      now,
    );
    this.snapshotEvents = events;
    return { version: this.version, published: true };
  }

  status(): RewardStatus {
    return { version: this.version, learned: this.learner.learned, skipped: this.learner.skipped, metrics: this.learner.model.metrics() };
  }
}
