import { describe, expect, it } from 'vitest';
import { RetrainRun, type RetrainEvent } from './retrain-runs';

const progress = (message: string): RetrainEvent => ({ event: 'progress', data: { stage: 'training', message, type: 'progress', data: message } });

describe('RetrainRun', () => {
  it('replays its events to a late listener, then streams the rest until the run ends', () => {
    const run = new RetrainRun('r1');
    run.emit(progress('one'));
    const early: string[] = [];
    run.subscribe((e) => early.push(e.event));
    run.emit(progress('two'));
    const late: string[] = [];
    const unsubscribe = run.subscribe((e) => late.push(e.event));
    unsubscribe();
    run.emit({ event: 'failed', data: { type: 'error', data: 'boom', message: 'boom' } });
    expect(early).toEqual(['progress', 'progress', 'failed']);
    expect(late).toEqual(['progress', 'progress']);
    expect(run.finished).toBe(true);

    const afterwards: string[] = [];
    run.subscribe((e) => afterwards.push(e.event));
    expect(afterwards).toEqual(['progress', 'progress', 'failed']);
  });
});
