import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import type { JobScheduler, JobStatus, RunRecord } from '#training';
import { JOB_SCHEDULER } from './trainer.config';

/** Seed 002's scheduler API: list jobs, trigger a retrain, pause and resume. */
@Controller('schedules')
export class SchedulesController {
  constructor(@Inject(JOB_SCHEDULER) private readonly scheduler: JobScheduler) {}

  @Get()
  list(): JobStatus[] {
    return this.scheduler.list();
  }

  @Get(':job')
  get(@Param('job') job: string): JobStatus {
    return this.scheduler.get(job);
  }

  /** Starts a run; `?wait=true` answers when it has finished, otherwise at once with 202. */
  @Post(':job/trigger')
  @HttpCode(202)
  async trigger(@Param('job') job: string, @Query('wait') wait?: string): Promise<RunRecord | JobStatus> {
    const run = this.scheduler.trigger(job);
    if (wait === 'true') return run;
    run.catch(() => undefined);
    return this.scheduler.get(job);
  }

  @Post(':job/pause')
  @HttpCode(200)
  pause(@Param('job') job: string): JobStatus {
    return this.scheduler.pause(job);
  }

  @Post(':job/resume')
  @HttpCode(200)
  resume(@Param('job') job: string): JobStatus {
    return this.scheduler.resume(job);
  }
}
