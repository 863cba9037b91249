import { Controller, Get, Inject } from '@nestjs/common';
import type { HolderStatus, ModelHolder } from '#models';
import type { JobScheduler } from '#training';
import { JOB_SCHEDULER, SERVED_MODELS } from './trainer.config';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(SERVED_MODELS) private readonly holders: ModelHolder<unknown>[],
    @Inject(JOB_SCHEDULER) private readonly scheduler: JobScheduler,
  ) {}

  /** Which model versions this process holds, since when, and whether a swap is pending or failed. */
  @Get()
  health(): { status: 'ok'; models: HolderStatus[]; jobs: { name: string; paused: boolean; lastOutcome: string | null }[] } {
    return {
      status: 'ok',
      models: this.holders.map((h) => h.status()),
      jobs: this.scheduler.list().map((j) => ({ name: j.name, paused: j.paused, lastOutcome: j.lastRun?.outcome ?? null })),
    };
  }
}
