import { describe, expect, it } from 'vitest';
import { bestVersion, degradedPastThreshold, notWorse, versionsToDelete, type VersionInfo } from './version-policy';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22);
const v = (version: string, ageDays: number, auc?: number): VersionInfo => ({ version, createdAt: NOW - ageDays * DAY, metrics: auc === undefined ? {} : { auc } });

describe('bestVersion', () => {
  it('picks the best metric value in the given direction, skipping versions without it, newest on ties', () => {
    const versions = [v('a', 3, 0.8), v('b', 2, 0.9), v('c', 1), v('d', 0, 0.9)];
    expect(bestVersion(versions, 'auc', 'higher-is-better')?.version).toBe('d');
    expect(bestVersion(versions, 'auc', 'lower-is-better')?.version).toBe('a');
    expect(bestVersion(versions, 'loss', 'lower-is-better')).toBeUndefined();
  });
});

describe('notWorse', () => {
  it('promotes a candidate that matches or beats the live version, within a tolerance', () => {
    expect(notWorse(0.9, 0.9, 'higher-is-better')).toBe(true);
    expect(notWorse(0.89, 0.9, 'higher-is-better')).toBe(false);
    expect(notWorse(0.89, 0.9, 'higher-is-better', 0.02)).toBe(true);
    expect(notWorse(0.3, 0.25, 'lower-is-better')).toBe(false);
    expect(notWorse(0.5, undefined, 'higher-is-better')).toBe(true);
    expect(notWorse(Number.NaN, undefined, 'higher-is-better')).toBe(false);
  });
});

describe('versionsToDelete', () => {
  it('keeps the newest maxVersions within retention and always the active and previous versions', () => {
    const versions = [v('v1', 60), v('v2', 40), v('v3', 20), v('v4', 10), v('v5', 5), v('v6', 1)];
    const deleted = versionsToDelete(versions, ['v1', 'v2'], { maxVersions: 4, retentionDays: 30 }, NOW).map((x) => x.version);
    expect(deleted.sort()).toEqual(['v3', 'v4']);
  });

  it('deletes nothing protected even when the protected versions alone exceed the limits', () => {
    const versions = [v('old-active', 400), v('old-previous', 500), v('x', 1)];
    expect(versionsToDelete(versions, ['old-active', 'old-previous'], { maxVersions: 1, retentionDays: 30 }, NOW).map((x) => x.version)).toEqual(['x']);
  });
});

describe('degradedPastThreshold', () => {
  const rule = { metric: 'auc', direction: 'higher-is-better' as const, degradation: 0.05, minObservations: 3 };

  it('waits for enough observations, then flags a drop larger than the threshold', () => {
    expect(degradedPastThreshold(0.9, [0.5, 0.5], rule).degraded).toBe(false);
    expect(degradedPastThreshold(0.9, [0.88, 0.87, 0.86], rule).degraded).toBe(false);
    const bad = degradedPastThreshold(0.9, [0.8, 0.82, 0.81], rule);
    expect(bad.degraded).toBe(true);
    expect(bad.liveMean).toBeCloseTo(0.81, 10);
    expect(bad.change).toBeCloseTo(-0.1, 10);
  });

  it('reads lower-is-better metrics the other way round', () => {
    const lossRule = { ...rule, metric: 'logLoss', direction: 'lower-is-better' as const };
    expect(degradedPastThreshold(0.3, [0.4, 0.41, 0.39], lossRule).degraded).toBe(true);
    expect(degradedPastThreshold(0.3, [0.2, 0.21, 0.19], lossRule).degraded).toBe(false);
  });
});
