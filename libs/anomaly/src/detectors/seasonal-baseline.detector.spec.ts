import { describe, expect, it } from 'vitest';
import { SeasonalBaselineDetector, defaultSeasonalDetectorOptions } from './seasonal-baseline.detector';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
const T0 = Date.UTC(2026, 9, 5); // a Monday
// Numenta's alerting threshold for anomaly likelihood.
const ALERT = 0.99999;

/** A per-minute metric with a daily cycle, a weekend dip and seeded noise. */
function series(minutes: number, seed = 1): number[] {
  let s = seed >>> 0;
  const uniform = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return Array.from({ length: minutes }, (_, i) => {
    const t = T0 + i * MINUTE;
    const hour = (t % 86_400_000) / 3_600_000;
    const weekend = [0, 6].includes(new Date(t).getUTCDay()) ? 0.7 : 1;
    return weekend * (100 + 80 * Math.sin(((hour - 6) / 24) * 2 * Math.PI)) + 6 * (uniform() - 0.5);
  });
}

const run = (values: number[], detector = new SeasonalBaselineDetector()) => values.map((v, i) => detector.update(T0 + i * MINUTE, v));
const alertsIn = (scores: { likelihood: number }[]) => scores.filter((s) => s.likelihood >= ALERT).length;

describe('SeasonalBaselineDetector', () => {
  const weeks = (n: number) => n * 7 * DAY_MINUTES;

  it('stays quiet on three weeks of ordinary daily and weekly cycles after its first day', () => {
    const scores = run(series(weeks(3)));
    expect(alertsIn(scores.slice(DAY_MINUTES))).toBeLessThanOrEqual(5);
  });

  it('alerts on a short spike within two points', () => {
    const values = series(weeks(2));
    const at = 10 * DAY_MINUTES + 600;
    for (let i = at; i < at + 5; i++) values[i] = values[i]! * 3;
    const scores = run(values);
    const first = scores.findIndex((s, i) => i >= at && s.likelihood >= ALERT);
    expect(first - at).toBeGreaterThanOrEqual(0);
    expect(first - at).toBeLessThanOrEqual(1);
  });

  it('alerts when a level shifts, then takes the new level as normal', () => {
    const values = series(weeks(3));
    const at = 9 * DAY_MINUTES;
    for (let i = at; i < values.length; i++) values[i] = values[i]! + 80;
    const scores = run(values);
    expect(alertsIn(scores.slice(at, at + 30))).toBeGreaterThan(0);
    expect(alertsIn(scores.slice(-2 * DAY_MINUTES))).toBeLessThanOrEqual(3);
  });

  it('catches a slow drift that the short-term level follows', () => {
    const values = series(weeks(2));
    const at = 10 * DAY_MINUTES;
    const ramp = 180;
    for (let i = 0; i < ramp; i++) values[at + i] = values[at + i]! * (1 + (2 * i) / ramp); // up to 3× over three hours
    const scores = run(values);
    const drifting = scores.slice(at, at + ramp);
    expect(alertsIn(drifting)).toBeGreaterThan(0);
    expect(Math.max(...drifting.map((s) => Math.abs(s.zShort)))).toBeLessThan(Math.max(...drifting.map((s) => Math.abs(s.zSeasonal))));
  });

  it('resumes from its saved state exactly where it left off', () => {
    const values = series(3 * DAY_MINUTES);
    const whole = run(values);
    const first = new SeasonalBaselineDetector();
    run(values.slice(0, 2000), first);
    const resumed = new SeasonalBaselineDetector(defaultSeasonalDetectorOptions, JSON.parse(JSON.stringify(first.toState())));
    expect(values.slice(2000).map((v, i) => resumed.update(T0 + (2000 + i) * MINUTE, v))).toEqual(whole.slice(2000));
  });
});
