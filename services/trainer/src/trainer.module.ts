import { Module, type DynamicModule } from '@nestjs/common';
import type { ModelHolder, ModelLifecycle, ModelVersionStore } from '#models';
import type { JobScheduler } from '#training';
import { HealthController } from './health.controller';
import { ModelsController } from './models.controller';
import { SchedulesController } from './schedules.controller';
import { JOB_SCHEDULER, MODEL_LIFECYCLE, MODEL_VERSION_STORE, SERVED_MODELS, TRAINER_CONFIG, type TrainerConfig } from './trainer.config';

export interface TrainerParts {
  config: TrainerConfig;
  scheduler: JobScheduler;
  lifecycle: ModelLifecycle;
  store: ModelVersionStore;
  holders: ModelHolder<unknown>[];
}

@Module({})
export class TrainerModule {
  static register(parts: TrainerParts): DynamicModule {
    return {
      module: TrainerModule,
      controllers: [SchedulesController, ModelsController, HealthController],
      providers: [
        { provide: TRAINER_CONFIG, useValue: parts.config },
        { provide: JOB_SCHEDULER, useValue: parts.scheduler },
        { provide: MODEL_LIFECYCLE, useValue: parts.lifecycle },
        { provide: MODEL_VERSION_STORE, useValue: parts.store },
        { provide: SERVED_MODELS, useValue: parts.holders },
      ],
    };
  }
}
