import { describe, expect, it } from 'vitest';
import { ModelFamilies, ModelHolder, type ModelLifecycle, type PromotionDecision } from '#models';
import { logisticRegressionFamily, LogisticRegression } from '#ml';
import { saveModel, type ModelFamily } from '#models';
import { JobBusyError, JobScheduler, UnknownJobError, nextCronRun } from './job-scheduler';
import type { TrainingJob } from './training-job';

const NOW = Date.UTC(2026, 10, 22, 17, 20);

function job(overrides: Partial<TrainingJob> & { rows?: number; fail?: boolean } = {}): TrainingJob {
  return {
    name: 'demo',
    model: 'demo',
    description: 'test job',
    cron: '0 * * * *',
    minRows: 100,
    promotion: { metric: 'auc', direction: 'higher-is-better', tolerance: 0 },
    countRows: async () => overrides.rows ?? 1000,
    train: async () => {
      if (overrides.fail) throw new Error('ClickHouse said no');
      const model = LogisticRegression.fit(['x'], [[0], [1], [2], [3]], [0, 0, 1, 1]);
      return { candidate: saveModel(logisticRegressionFamily, model, { model: 'demo', createdAt: NOW, trainingWindow: null, rowCount: 4, metrics: { auc: 0.9 }, parentVersion: null, codeVersion: 't' }), liveScore: 0.8 };
    },
    ...overrides,
  };
}

/** Records submissions; the real lifecycle is exercised against Kafka and ClickHouse in test/integration. */
function lifecycle(decision: PromotionDecision): ModelLifecycle & { submitted: string[] } {
  const submitted: string[] = [];
  return { submitted, submit: async (candidate: { manifest: { version: string } }) => (submitted.push(candidate.manifest.version), decision) } as unknown as ModelLifecycle & { submitted: string[] };
}

const holder = () => new ModelHolder<unknown>('demo', new ModelFamilies([logisticRegressionFamily as ModelFamily<unknown>]));

describe('nextCronRun', () => {
  it('reads five-field cron in UTC', () => {
    expect(new Date(nextCronRun('0 * * * *', NOW)).toISOString()).toBe('2026-11-22T18:00:00.000Z');
    expect(new Date(nextCronRun('0 3 * * 0', NOW)).toISOString()).toBe('2026-11-29T03:00:00.000Z');
    expect(() => nextCronRun('every hour', NOW)).toThrow();
  });
});

describe('JobScheduler', () => {
  it('runs on demand: trains, submits and records the outcome', async () => {
    const lc = lifecycle({ promoted: true, reason: 'better' });
    const scheduler = new JobScheduler(lc, () => NOW).register(job(), holder());
    const run = await scheduler.trigger('demo');
    expect(run).toMatchObject({ trigger: 'manual', outcome: 'promoted', detail: 'better', metrics: { auc: 0.9 } });
    expect(lc.submitted).toEqual([run.version]);
    expect(scheduler.get('demo').lastRun).toBe(run);
  });

  it('skips a run below the data threshold and records failures without throwing', async () => {
    const lc = lifecycle({ promoted: true, reason: '' });
    const scheduler = new JobScheduler(lc, () => NOW).register(job({ rows: 10 }), holder()).register(job({ name: 'broken', fail: true }), holder());
    expect(await scheduler.trigger('demo')).toMatchObject({ outcome: 'skipped', detail: '10 rows in the training window, fewer than the 100 required' });
    expect(await scheduler.trigger('broken')).toMatchObject({ outcome: 'failed', detail: 'ClickHouse said no' });
    expect(lc.submitted).toEqual([]);
  });

  it('schedules the next run, clears it while paused, and refuses a second run at once', async () => {
    const scheduler = new JobScheduler(lifecycle({ promoted: false, reason: 'worse' }), () => NOW).register(job(), holder());
    scheduler.start();
    expect(scheduler.get('demo').nextRunAt).toBe(Date.UTC(2026, 10, 22, 18));
    expect(scheduler.pause('demo')).toMatchObject({ paused: true, nextRunAt: null });
    expect(scheduler.resume('demo')).toMatchObject({ paused: false, nextRunAt: Date.UTC(2026, 10, 22, 18) });
    const first = scheduler.trigger('demo');
    expect(() => scheduler.trigger('demo')).toThrow(JobBusyError);
    expect((await first).outcome).toBe('not-promoted');
    await scheduler.stop();
  });

  it('runs every model job in a full retrain and sums up their outcomes', async () => {
    const lc = lifecycle({ promoted: true, reason: 'better' });
    const scheduler = new JobScheduler(lc, () => NOW)
      .register(job(), holder())
      .register(job({ name: 'thin', rows: 1 }), holder())
      .registerFullRetrain('0 5 * * 1');
    scheduler.start();
    expect(scheduler.get('full-retrain')).toMatchObject({ model: '*', nextRunAt: Date.UTC(2026, 10, 23, 5) });
    expect(await scheduler.trigger('full-retrain')).toMatchObject({ outcome: 'promoted', detail: 'demo: promoted; thin: skipped' });
    expect(lc.submitted).toHaveLength(1);
    await scheduler.stop();
  });

  it('refuses unknown jobs, duplicate jobs and bad cron expressions', () => {
    const scheduler = new JobScheduler(lifecycle({ promoted: true, reason: '' }), () => NOW).register(job(), holder());
    expect(() => scheduler.get('nope')).toThrow(UnknownJobError);
    expect(() => scheduler.register(job(), holder())).toThrow(/registered twice/);
    expect(() => scheduler.register(job({ name: 'bad', cron: 'hourly' }), holder())).toThrow();
  });
});
