import { describe, expect, it } from 'vitest';
import { UsageError, parseGenerateOptions } from './generate-options';

describe('parseGenerateOptions', () => {
  it('has defaults for a quick finite run', () => {
    expect(parseGenerateOptions([])).toMatchObject({ seed: 1, live: false, durationSeconds: 60, historyDays: 0, scenarios: [] });
  });

  it('runs endlessly when live without a duration', () => {
    expect(parseGenerateOptions(['--live', '--scenario', 'all'])).toMatchObject({ live: true, durationSeconds: undefined, scenarios: expect.arrayContaining(['latency-spike', 'slow-drift']) });
  });

  it.each([
    [['--seed=-1'], /--seed must be a whole number >= 0/],
    [['--count', '0'], /--count must be a whole number > 0/],
    [['--scenario', 'latency-spike,meteor'], /unknown --scenario meteor/],
    [['--live', '--count', '5'], /cannot be combined with --live/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseGenerateOptions(argv)).toThrow(UsageError);
    expect(() => parseGenerateOptions(argv)).toThrow(message);
  });
});
