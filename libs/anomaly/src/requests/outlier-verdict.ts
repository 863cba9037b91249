import { normalTail } from '../detectors/normal-tail';
import type { WindowVerdict } from '../monitor/incident-tracker';
import type { WindowAggregate } from '../windows/request-window.aggregator';

export const OUTLIER_DETECTOR = 'isolation-forest';

/** P(X ≥ k) for X ~ Poisson(λ); the far tail is summed directly so large k and tiny λ stay finite. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // e^-λ underflows past λ ≈ 700; long before that the normal approximation is close.
  if (lambda > 200) return normalTail((k - 0.5 - lambda) / Math.sqrt(lambda));
  let term = Math.exp(-lambda);
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= lambda / (i + 1);
  }
  if (below < 0.999) return Math.max(0, 1 - below);
  // Far tail: sum the terms from k on directly (1 - below would lose every digit).
  let tail = 0;
  let t = Math.exp(-lambda + k * Math.log(lambda) - logFactorial(k));
  for (let i = k; t > 1e-300 && i < k + 1000; i++) {
    tail += t;
    t *= lambda / (i + 1);
  }
  return tail;
}

function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

/**
 * A route window as per-request evidence: how improbable its count of outlier requests is when a
 * share `outlierShare` of ordinary requests is expected above the threshold. One odd request is
 * normal; a run of them is an incident, explained by the worst request's features.
 */
export function outlierVerdict(w: WindowAggregate, outlierShare: number, criticalShare = 0.2): WindowVerdict {
  const tail = poissonUpperTail(w.outliers, w.requests * outlierShare);
  const share = w.requests === 0 ? 0 : w.outliers / w.requests;
  const worst = w.worstOutlier;
  const lead = worst?.features[0];
  return {
    subjectKind: 'request',
    subject: w.subject,
    windowStart: w.windowStart,
    windowEnd: w.windowEnd,
    score: 1 - tail,
    severity: share >= criticalShare ? 'critical' : 'warning',
    detector: OUTLIER_DETECTOR,
    features: worst?.features ?? [],
    explanation:
      `${w.outliers} of ${w.requests} requests on ${w.subject} are outliers (${(share * 100).toFixed(1)}%, ${(outlierShare * 100).toFixed(2)}% expected)` +
      (lead ? `; worst scored ${worst.score.toFixed(2)}, mostly ${lead.name} ${formatValue(lead.value)} vs ${formatValue(lead.expected)} typical` : ''),
  };
}

function formatValue(v: number): string {
  return Math.abs(v) >= 10 ? Math.round(v).toString() : v.toFixed(2);
}
