/** What the lifecycle policies need to know about one stored version. */
export interface VersionInfo {
  version: string;
  createdAt: number;
  metrics: Record<string, number>;
}

export type MetricDirection = 'higher-is-better' | 'lower-is-better';

const DAY_MS = 86_400_000;

/** The version with the best value of `metric`; versions without it are skipped. Ties go to the newest. */
export function bestVersion<V extends VersionInfo>(versions: readonly V[], metric: string, direction: MetricDirection): V | undefined {
  let best: V | undefined;
  for (const v of versions) {
    const value = v.metrics[metric];
    if (value === undefined || !Number.isFinite(value)) continue;
    const current = best?.metrics[metric];
    const better = current === undefined || (direction === 'higher-is-better' ? value > current : value < current) || (value === current && v.createdAt > best!.createdAt);
    if (better) best = v;
  }
  return best;
}

/** True when `candidate` is at least as good as `live` on `metric` (within `tolerance`): the promotion rule. */
export function notWorse(candidate: number, live: number | undefined, direction: MetricDirection, tolerance = 0): boolean {
  if (live === undefined || !Number.isFinite(live)) return Number.isFinite(candidate);
  return direction === 'higher-is-better' ? candidate >= live - tolerance : candidate <= live + tolerance;
}

export interface CleanupPolicy {
  /** Keep at most this many versions per model (the protected ones included). */
  maxVersions: number;
  /** Delete versions older than this many days (protected versions excepted). */
  retentionDays: number;
}

/**
 * Which versions cleanup removes: those beyond the newest `maxVersions`, and those older than the
 * retention; never the active version nor the one before it (the rollback target).
 */
export function versionsToDelete<V extends VersionInfo>(versions: readonly V[], protectedVersions: readonly (string | null)[], policy: CleanupPolicy, now: number): V[] {
  const keep = new Set(protectedVersions.filter((v): v is string => v !== null));
  const newestFirst = [...versions].sort((a, b) => b.createdAt - a.createdAt);
  const slotsForOthers = Math.max(0, policy.maxVersions - newestFirst.filter((v) => keep.has(v.version)).length);
  const cutoff = now - policy.retentionDays * DAY_MS;
  const deletions: V[] = [];
  let kept = 0;
  for (const v of newestFirst) {
    if (keep.has(v.version)) continue;
    if (kept < slotsForOthers && v.createdAt >= cutoff) {
      kept++;
      continue;
    }
    deletions.push(v);
  }
  return deletions;
}

export interface AutoRollbackRule {
  metric: string;
  direction: MetricDirection;
  /** Relative degradation that triggers a rollback, e.g. 0.05 = 5 % worse than the reference. */
  degradation: number;
  /** Live observations needed before judging (one bad reading is noise). */
  minObservations: number;
}

/**
 * Seed 002's auto-rollback check: compares the mean of the live observations of the active version
 * with its reference value (its holdout metric) and says whether it degraded past the threshold.
 */
export function degradedPastThreshold(reference: number, live: readonly number[], rule: AutoRollbackRule): { degraded: boolean; liveMean: number | null; change: number | null } {
  if (live.length < rule.minObservations || !Number.isFinite(reference) || reference === 0) return { degraded: false, liveMean: null, change: null };
  const liveMean = live.reduce((a, b) => a + b, 0) / live.length;
  const change = (liveMean - reference) / Math.abs(reference);
  const worse = rule.direction === 'higher-is-better' ? -change : change;
  return { degraded: worse > rule.degradation, liveMean, change };
}
