import { CronExpressionParser } from 'cron-parser';
import type { ModelLifecycle, ModelHolder } from '#models';
import { loggerFor } from '#telemetry';
import type { TrainingJob } from './training-job';

export type RunTrigger = 'schedule' | 'manual';

export interface RunRecord {
  trigger: RunTrigger;
  startedAt: number;
  finishedAt: number | null;
  outcome: 'running' | 'promoted' | 'not-promoted' | 'skipped' | 'failed';
  detail: string;
  version: string | null;
  metrics: Record<string, number>;
}

export interface JobStatus {
  name: string;
  model: string;
  description: string;
  cron: string;
  minRows: number;
  paused: boolean;
  nextRunAt: number | null;
  lastRun: RunRecord | null;
}

export class UnknownJobError extends Error {
  constructor(readonly job: string, known: string[]) {
    super(`No training job "${job}"; jobs: ${known.join(', ') || 'none'}`);
    this.name = 'UnknownJobError';
  }
}

export class JobBusyError extends Error {
  constructor(readonly job: string) {
    super(`Training job "${job}" is already running`);
    this.name = 'JobBusyError';
  }
}

export function nextCronRun(cron: string, after: number): number {
  return CronExpressionParser.parse(cron, { currentDate: new Date(after), tz: 'UTC' }).next().getTime();
}

type ScheduleSpec = Pick<TrainingJob, 'name' | 'model' | 'description' | 'cron' | 'minRows'>;

interface JobState {
  spec: ScheduleSpec;
  /** The model job, or undefined for the full retrain, which runs every model job in turn. */
  job: TrainingJob | undefined;
  holder: ModelHolder<unknown> | undefined;
  paused: boolean;
  timer: NodeJS.Timeout | undefined;
  nextRunAt: number | null;
  lastRun: RunRecord | null;
  running: Promise<RunRecord> | undefined;
}

/**
 * Runs each training job on its cron schedule (UTC), and on demand; one run per job at a time.
 * A run checks the data threshold, trains, and hands the candidate to the lifecycle, which
 * promotes it only if it is not worse than the live version.
 */
export class JobScheduler {
  private readonly log = loggerFor(JobScheduler.name);
  private readonly jobs = new Map<string, JobState>();
  private stopped = false;

  constructor(
    private readonly lifecycle: ModelLifecycle,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds a job; `holder` serves its live model (to evaluate it on the candidate's holdout). */
  register(job: TrainingJob, holder: ModelHolder<unknown>): this {
    if (this.jobs.has(job.name)) throw new Error(`Training job "${job.name}" is registered twice`);
    nextCronRun(job.cron, this.now()); // refuses a bad cron at start-up, not at the first run
    this.jobs.set(job.name, { spec: job, job, holder, paused: false, timer: undefined, nextRunAt: null, lastRun: null, running: undefined });
    return this;
  }

  /** Seed 002's weekly full retraining: every model job at `cron`, one after the other. */
  registerFullRetrain(cron: string): this {
    const name = 'full-retrain';
    if (this.jobs.has(name)) throw new Error(`Training job "${name}" is registered twice`);
    nextCronRun(cron, this.now());
    const spec = { name, model: '*', description: 'Retrains every model, one after the other', cron, minRows: 0 };
    this.jobs.set(name, { spec, job: undefined, holder: undefined, paused: false, timer: undefined, nextRunAt: null, lastRun: null, running: undefined });
    return this;
  }

  start(): void {
    this.stopped = false;
    for (const state of this.jobs.values()) this.arm(state);
  }

  private arm(state: JobState): void {
    clearTimeout(state.timer);
    if (this.stopped || state.paused) {
      state.nextRunAt = null;
      return;
    }
    const at = nextCronRun(state.spec.cron, this.now());
    state.nextRunAt = at;
    // Timers cap at about 24.8 days; re-arm on the way to far-away runs.
    const delay = Math.min(at - this.now(), 2 ** 31 - 1);
    state.timer = setTimeout(() => {
      if (this.now() >= at) void this.run(state, 'schedule').catch(() => undefined);
      this.arm(state);
    }, Math.max(0, delay));
    state.timer.unref();
  }

  /** Starts a run now; resolves when it has finished. */
  trigger(name: string): Promise<RunRecord> {
    const state = this.state(name);
    if (state.running) throw new JobBusyError(name);
    return this.run(state, 'manual');
  }

  pause(name: string): JobStatus {
    const state = this.state(name);
    state.paused = true;
    this.arm(state);
    return this.describe(state);
  }

  resume(name: string): JobStatus {
    const state = this.state(name);
    state.paused = false;
    this.arm(state);
    return this.describe(state);
  }

  list(): JobStatus[] {
    return [...this.jobs.values()].map((s) => this.describe(s));
  }

  get(name: string): JobStatus {
    return this.describe(this.state(name));
  }

  /** Stops scheduling and waits for runs in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const state of this.jobs.values()) clearTimeout(state.timer);
    await Promise.all([...this.jobs.values()].map((s) => s.running?.catch(() => undefined)));
  }

  private state(name: string): JobState {
    const state = this.jobs.get(name);
    if (!state) throw new UnknownJobError(name, [...this.jobs.keys()]);
    return state;
  }

  private describe(s: JobState): JobStatus {
    const { spec } = s;
    return { name: spec.name, model: spec.model, description: spec.description, cron: spec.cron, minRows: spec.minRows, paused: s.paused, nextRunAt: s.nextRunAt, lastRun: s.lastRun };
  }

  private run(state: JobState, trigger: RunTrigger): Promise<RunRecord> {
    if (state.running) return state.running;
    const record: RunRecord = { trigger, startedAt: this.now(), finishedAt: null, outcome: 'running', detail: '', version: null, metrics: {} };
    state.lastRun = record;
    const work = state.job && state.holder ? this.execute(state.job, state.holder, record) : this.executeAll(record);
    state.running = work.finally(() => {
      state.running = undefined;
    });
    return state.running;
  }

  private async executeAll(record: RunRecord): Promise<RunRecord> {
    const runs: [string, RunRecord][] = [];
    for (const state of this.jobs.values()) {
      if (state.job) runs.push([state.spec.name, await (state.running ?? this.run(state, record.trigger))]);
    }
    const outcomes = runs.map(([, run]) => run.outcome);
    record.outcome = outcomes.includes('failed') ? 'failed' : outcomes.includes('promoted') ? 'promoted' : 'not-promoted';
    record.detail = runs.map(([name, run]) => `${name}: ${run.outcome}`).join('; ');
    record.finishedAt = this.now();
    return record;
  }

  private async execute(job: TrainingJob, holder: ModelHolder<unknown>, record: RunRecord): Promise<RunRecord> {
    const log = this.log.child({ job: job.name, trigger: record.trigger });
    try {
      const rows = await job.countRows(record.startedAt);
      if (rows < job.minRows) {
        Object.assign(record, { outcome: 'skipped', detail: `${rows} rows in the training window, fewer than the ${job.minRows} required` });
      } else {
        log.info({ rows }, 'training');
        const { candidate, liveScore } = await job.train(record.startedAt, holder.current());
        const decision = await this.lifecycle.submit(candidate, liveScore, job.promotion);
        Object.assign(record, {
          outcome: decision.promoted ? 'promoted' : 'not-promoted',
          detail: decision.reason,
          version: candidate.manifest.version,
          metrics: candidate.manifest.metrics,
        });
      }
    } catch (err) {
      Object.assign(record, { outcome: 'failed', detail: err instanceof Error ? err.message : String(err) });
      log.error({ err }, 'training run failed');
    }
    record.finishedAt = this.now();
    log.info({ outcome: record.outcome, detail: record.detail, version: record.version }, 'training run finished');
    return record;
  }
}
