import { randomUUID } from 'node:crypto';
import type { DemandForecastModel } from '#forecast';
import type { ModelHolder, ModelLifecycle } from '#models';
import type { DemandForecastJob, TrainingProgress } from '#training';
import { loggerFor } from '#telemetry';

/** One server-sent event of a retraining run. Data carries seed 001's `type` and `data` too. */
export type RetrainEvent =
  | { event: 'progress'; data: TrainingProgress & { type: 'progress'; data: string } }
  | { event: 'done'; data: RetrainResult & { type: 'result'; data: RetrainResult } }
  | { event: 'failed'; data: { type: 'error'; data: string; message: string } };

export interface RetrainResult {
  promoted: boolean;
  reason: string;
  version: string;
  mase: number;
  live_mase: number | null;
}

/** A retraining run: its events so far, and whoever listens for the rest. */
export class RetrainRun {
  readonly events: RetrainEvent[] = [];
  private readonly listeners = new Set<(e: RetrainEvent) => void>();
  finished = false;

  constructor(readonly id: string) {}

  /** Replays the events so far to `listener`, then every new one; returns the unsubscribe. */
  subscribe(listener: (e: RetrainEvent) => void): () => void {
    for (const e of this.events) listener(e);
    if (this.finished) return () => undefined;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(e: RetrainEvent): void {
    this.events.push(e);
    if (e.event !== 'progress') this.finished = true;
    for (const l of this.listeners) l(e);
    if (this.finished) this.listeners.clear();
  }
}

export class RetrainBusyError extends Error {
  constructor(running: string) {
    super(`retraining run ${running} is still in progress; watch it at /retrain/${running}/events and upload again when it ends`);
    this.name = 'RetrainBusyError';
  }
}

export class UnknownRunError extends Error {
  constructor(id: string) {
    super(`no retraining run "${id}" (runs are kept until the service restarts, the last ${KEPT_RUNS})`);
    this.name = 'UnknownRunError';
  }
}

const KEPT_RUNS = 20;
const SWAP_WAIT_MS = 60_000;

/**
 * Retrains the demand model on request (after an upload), one run at a time: the same job the
 * trainer schedules, promoted through the model lifecycle only when not worse on the holdout, and
 * reported as done once this process serves the promoted version.
 */
export class RetrainRuns {
  private readonly log = loggerFor(RetrainRuns.name);
  private readonly runs = new Map<string, RetrainRun>();
  private running: RetrainRun | null = null;
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly job: DemandForecastJob,
    private readonly lifecycle: ModelLifecycle,
    private readonly holder: ModelHolder<DemandForecastModel>,
  ) {}

  /** Refuses (RetrainBusyError) while a run is in progress. */
  reserve(): RetrainRun {
    if (this.running) throw new RetrainBusyError(this.running.id);
    const run = new RetrainRun(randomUUID());
    this.running = run;
    this.runs.set(run.id, run);
    for (const id of [...this.runs.keys()].slice(0, Math.max(0, this.runs.size - KEPT_RUNS))) this.runs.delete(id);
    return run;
  }

  /** Gives a reserved run back unused (the upload was not stored). */
  release(run: RetrainRun): void {
    if (this.running === run) this.running = null;
    this.runs.delete(run.id);
  }

  get(id: string): RetrainRun {
    const run = this.runs.get(id);
    if (!run) throw new UnknownRunError(id);
    return run;
  }

  /** Trains in the background; the run's events tell how it goes. */
  start(run: RetrainRun, firstMessage: string): void {
    run.emit(progress({ stage: 'merging', message: firstMessage }));
    this.work = this.train(run).finally(() => {
      this.running = null;
    });
  }

  /** Resolves when the run in progress (if any) has ended: for shutdown. */
  idle(): Promise<void> {
    return this.work;
  }

  private async train(run: RetrainRun): Promise<void> {
    try {
      const { candidate, liveScore } = await this.job.train(Date.now(), this.holder.current(), (p) => run.emit(progress(p)));
      run.emit(progress({ stage: 'publishing', message: `publishing ${candidate.manifest.version} and deciding on promotion` }));
      const decision = await this.lifecycle.submit(candidate, liveScore, this.job.promotion);
      if (decision.promoted) await this.servedVersion(candidate.manifest.version);
      const result: RetrainResult = {
        promoted: decision.promoted,
        reason: decision.reason,
        version: candidate.manifest.version,
        mase: candidate.manifest.metrics['mase']!,
        live_mase: liveScore ?? null,
      };
      run.emit({ event: 'done', data: { type: 'result', data: result, ...result } });
    } catch (err) {
      this.log.error({ err, run: run.id }, 'retraining failed');
      const message = (err as Error).message;
      run.emit({ event: 'failed', data: { type: 'error', data: message, message } });
    }
  }

  /** Waits until this process serves `version` (it arrives through model-artifacts like on every replica). */
  private async servedVersion(version: string): Promise<void> {
    const deadline = Date.now() + SWAP_WAIT_MS;
    while (this.holder.current()?.manifest.version !== version) {
      if (Date.now() > deadline) throw new Error(`${version} was promoted but is not served here after ${SWAP_WAIT_MS / 1000} s; see /health`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function progress(p: TrainingProgress): RetrainEvent {
  return { event: 'progress', data: { ...p, type: 'progress', data: p.message } };
}
