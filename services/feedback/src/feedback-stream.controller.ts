import { Controller, Inject, Module, type DynamicModule } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { topics, type Feedback } from '#contracts';
import { StreamHandler, type StreamBatch } from '#kafka';
import { REWARD_LEARNER } from './feedback.tokens';
import type { RewardLearner } from './reward-learner';

/** Every feedback event teaches the reward model, in the order read, before its offset is committed. */
@Controller()
export class FeedbackStreamController {
  constructor(@Inject(REWARD_LEARNER) private readonly learner: RewardLearner) {}

  @StreamHandler(topics.feedback)
  async feedback(@Payload() batch: StreamBatch<Feedback>): Promise<void> {
    await this.learner.learn(batch.events);
  }
}

@Module({})
export class FeedbackStreamModule {
  static register(learner: RewardLearner): DynamicModule {
    return { module: FeedbackStreamModule, controllers: [FeedbackStreamController], providers: [{ provide: REWARD_LEARNER, useValue: learner }] };
  }
}
