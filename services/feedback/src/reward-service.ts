import type { AttributeSpec } from '#contracts';
import { FeedbackRewardModel, type RewardMetrics } from '#feedback';
import type { ModelHolder, StateSnapshots } from '#models';
import type { PromptEmbedder, RewardLearner } from './reward-learner';

export interface RewardStatus {
  /** `learner`: learns from the feedback topic and publishes versions; `replica`: serves the active version. */
  role: 'learner' | 'replica';
  version: string | null;
  learned: number;
  skipped: number;
  metrics: RewardMetrics;
}

export class NotTheLearnerError extends Error {
  constructor() {
    super('this replica does not learn (FEEDBACK_LEARN=false): new reward-model versions come from the learner replica');
    this.name = 'NotTheLearnerError';
  }
}

/**
 * The reward model for the API. The learner replica scores with its live model and publishes its
 * state as a new version on demand (and on the service's schedule), which is what a restart
 * resumes from; other replicas score with the active version, swapped in as it is published.
 */
export class RewardService {
  private learnerVersion: string | null;
  /** Events the model had learned at the last snapshot: nothing new, no new version. */
  private snapshotEvents: number;
  private readonly empty: FeedbackRewardModel;

  constructor(
    private readonly learner: RewardLearner | null,
    private readonly snapshots: StateSnapshots<FeedbackRewardModel>,
    private readonly served: ModelHolder<FeedbackRewardModel>,
    private readonly embed: PromptEmbedder | undefined,
    emptyModel: FeedbackRewardModel,
  ) {
    this.empty = emptyModel;
    this.learnerVersion = snapshots.restored()?.version ?? null;
    this.snapshotEvents = this.learnerVersion === null || !learner ? -1 : learner.model.model.events;
  }

  get version(): string | null {
    return this.learner ? this.learnerVersion : (this.served.current()?.manifest.version ?? null);
  }

  private get model(): FeedbackRewardModel {
    return this.learner?.model ?? this.served.current()?.model ?? this.empty;
  }

  /** The like probability of each prompt for `userId` (embedded together, when a text model is configured). */
  async scoreAll(userId: string | null, prompts: readonly string[], spec: AttributeSpec): Promise<number[]> {
    const model = this.model;
    const embeddings = this.embed ? await this.embed(prompts) : undefined;
    return prompts.map((prompt, i) => model.score(userId, { prompt, attributes: spec, quality_score: null, ...(embeddings ? { embedding: embeddings[i] } : {}) }));
  }

  /** Publishes the live state as the active version, unless nothing was learned since the last one. */
  async snapshot(now = Date.now()): Promise<{ version: string; published: boolean }> {
    if (!this.learner) throw new NotTheLearnerError();
    const model = this.learner.model;
    if (this.learnerVersion !== null && model.model.events === this.snapshotEvents) return { version: this.learnerVersion, published: false };
    const metrics = model.metrics();
    const events = model.model.events;
    this.learnerVersion = await this.snapshots.save(
      model,
      {
        rowCount: events,
        trainingWindow: null,
        metrics: Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v))) as Record<string, number>,
      },
      this.learnerVersion,
      now,
    );
    this.snapshotEvents = events;
    return { version: this.learnerVersion, published: true };
  }

  status(): RewardStatus {
    return {
      role: this.learner ? 'learner' : 'replica',
      version: this.version,
      learned: this.learner?.learned ?? 0,
      skipped: this.learner?.skipped ?? 0,
      metrics: this.model.metrics(),
    };
  }
}
