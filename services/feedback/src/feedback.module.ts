import { Module, type DynamicModule } from '@nestjs/common';
import type { BehaviourClustering } from '#feedback';
import type { StreamProducer } from '#kafka';
import type { StateSnapshots } from '#models';
import type { FeedbackConfig } from './feedback.config';
import { FEEDBACK_CONFIG, FEEDBACK_PRODUCER, ML_REQUESTS, REWARD_SERVICE, SERVICE_HEALTH, STYLE_HINTS, STYLE_PROFILES, USER_SEGMENTS } from './feedback.tokens';
import { CurationController } from './curation.controller';
import { HealthController } from './health.controller';
import type { MlRequests } from './ml-requests';
import { PromptController } from './prompt.controller';
import { RewardController } from './reward.controller';
import { StyleHints } from './style-hints';
import { StyleProfileController } from './style-profile.controller';
import { UserSegmentsController } from './user-segments.controller';
import type { RewardService } from './reward-service';
import type { StyleProfileStore } from './style-profile.store';

export interface FeedbackParts {
  config: FeedbackConfig;
  reward: RewardService;
  producer: StreamProducer;
  requests: MlRequests;
  styleProfiles: StyleProfileStore;
  userSegments: StateSnapshots<BehaviourClustering>;
  health: () => unknown;
}

/** The ML API (seed 004's /api/ml/…). */
@Module({})
export class FeedbackApiModule {
  static register(parts: FeedbackParts): DynamicModule {
    return {
      module: FeedbackApiModule,
      controllers: [RewardController, PromptController, StyleProfileController, CurationController, UserSegmentsController, HealthController],
      providers: [
        { provide: FEEDBACK_CONFIG, useValue: parts.config },
        { provide: REWARD_SERVICE, useValue: parts.reward },
        { provide: FEEDBACK_PRODUCER, useValue: parts.producer },
        { provide: ML_REQUESTS, useValue: parts.requests },
        { provide: STYLE_PROFILES, useValue: parts.styleProfiles },
        { provide: STYLE_HINTS, useValue: new StyleHints(parts.styleProfiles) },
        { provide: USER_SEGMENTS, useValue: parts.userSegments },
        { provide: SERVICE_HEALTH, useValue: parts.health },
      ],
    };
  }
}
