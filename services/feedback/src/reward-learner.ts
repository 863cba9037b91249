import { BatchedAppender, type ClickHouseAdapter } from '#clickhouse';
import type { Feedback } from '#contracts';
import type { FeedbackRewardModel } from '#feedback';
import type { StreamEvent } from '#kafka';

interface LearningRow {
  event_id: string;
  event_ms: number;
  learned_ms: number;
  user_id: string;
  asset_id: string;
  feedback_type: string;
  target: number;
  prediction: number;
  user_events: number;
}

/** Prompt embeddings, when a text model is configured. */
export type PromptEmbedder = (prompts: readonly string[]) => Promise<number[][]>;

/**
 * The reward model's intake: learns from each feedback event in the order read and traces it in
 * the ClickHouse `feedback_learning` table (a sink the stream server flushes before committing).
 * The model in hand is replaced only by `replace` (a restored snapshot at start).
 */
export class RewardLearner {
  readonly trace: BatchedAppender<LearningRow>;
  learned = 0;
  skipped = 0;

  constructor(
    public model: FeedbackRewardModel,
    clickhouse: ClickHouseAdapter,
    private readonly embed: PromptEmbedder | undefined,
    onRetry: (err: unknown, attempt: number, delayMs: number) => void | Promise<void>,
  ) {
    this.trace = new BatchedAppender<LearningRow>({
      table: 'feedback_learning',
      insert: (t, body) => clickhouse.insertJsonEachRow(t, body),
      maxRows: 10_000,
      maxBytes: 8 * 1024 * 1024,
      maxDelayMs: 1_000,
      maxBufferedRows: 100_000,
      onRetry,
    });
  }

  async learn(events: readonly StreamEvent<Feedback>[], now = Date.now()): Promise<void> {
    const embeddings = this.embed ? await this.embed(events.map((e) => e.value.prompt)) : undefined;
    const rows: LearningRow[] = [];
    events.forEach((e, i) => {
      const f = e.value;
      const learned = this.model.learn(f, embeddings?.[i]);
      if (!learned) {
        this.skipped++;
        return;
      }
      this.learned++;
      rows.push({
        event_id: f.event_id,
        event_ms: f.event_time,
        learned_ms: now,
        user_id: f.user_id,
        asset_id: f.asset_id,
        feedback_type: f.feedback_type,
        target: learned.target,
        prediction: learned.prediction,
        user_events: this.model.model.userEvents(f.user_id),
      });
    });
    await this.trace.append(rows);
  }
}
