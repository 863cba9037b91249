import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { prefixed, topics } from '#contracts';
import type { StreamProducer } from '#kafka';
import type { FeedbackConfig } from './feedback.config';
import { feedbackOf } from './feedback-submission';
import { FEEDBACK_CONFIG, FEEDBACK_PRODUCER, ML_REQUESTS, REWARD_SERVICE } from './feedback.tokens';
import type { MlRequests } from './ml-requests';
import type { RewardService, RewardStatus } from './reward-service';

@Controller('api/ml')
export class RewardController {
  constructor(
    @Inject(REWARD_SERVICE) private readonly reward: RewardService,
    @Inject(FEEDBACK_PRODUCER) private readonly producer: StreamProducer,
    @Inject(FEEDBACK_CONFIG) private readonly config: FeedbackConfig,
    @Inject(ML_REQUESTS) private readonly requests: MlRequests,
  ) {}

  /** Seed 004 stage 10: one reaction, produced to the `feedback` topic like any shop's; the learner takes it from there. */
  @Post('feedback/submit')
  @HttpCode(202)
  async submit(@Body() body: unknown): Promise<{ accepted: true; event_id: string }> {
    const feedback = feedbackOf(body, Date.now());
    await this.producer.send(prefixed(this.config.platform.topicPrefix, topics.feedback.name), [{ key: topics.feedback.keyOf(feedback), value: feedback }]);
    return { accepted: true, event_id: feedback.event_id };
  }

  /** Seed 004's "train": the reward model learns online, so this publishes its current state as a new version (if it learned anything since the last). */
  @Post('rlhf/train')
  async snapshot(): Promise<{ version: string; published: boolean; status: RewardStatus }> {
    const result = await this.reward.snapshot();
    const status = this.reward.status();
    await this.requests.record('rlhf/train', null, result.version, { published: result.published, metrics: status.metrics });
    return { ...result, status };
  }

  @Get('rlhf/status')
  status(): RewardStatus {
    return this.reward.status();
  }
}
