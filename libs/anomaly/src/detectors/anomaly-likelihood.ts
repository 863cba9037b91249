import { normalTail } from './normal-tail';

export interface AnomalyLikelihoodOptions {
  /** Raw scores remembered to model their usual distribution. */
  historyLength: number;
  /** Recent raw scores averaged before comparing with that distribution. */
  shortWindow: number;
  /** No likelihood above 0.5 before this many scores: the distribution is not known yet. */
  probation: number;
}

export const defaultAnomalyLikelihoodOptions: AnomalyLikelihoodOptions = { historyLength: 2000, shortWindow: 2, probation: 100 };

export interface AnomalyLikelihoodState {
  history: number[];
  next: number;
  count: number;
  sum: number;
  sumSquares: number;
  recent: number[];
}

/**
 * Anomaly likelihood after Ahmad, Lavin, Purdy & Agha (2017): how improbable the recent average of
 * raw scores is under the distribution of raw scores seen so far. It turns a noisy raw score into a
 * calibrated one, so a stream that is always a little unusual does not alert.
 */
export class AnomalyLikelihood {
  private readonly state: AnomalyLikelihoodState;

  constructor(
    private readonly options: AnomalyLikelihoodOptions = defaultAnomalyLikelihoodOptions,
    state?: AnomalyLikelihoodState,
  ) {
    this.state = state ?? { history: [], next: 0, count: 0, sum: 0, sumSquares: 0, recent: [] };
  }

  /**
   * Adds a raw score (any non-negative measure of surprise, e.g. |z|) and returns the likelihood
   * that the stream is anomalous now, in [0, 1].
   */
  update(rawScore: number): number {
    const s = this.state;
    const o = this.options;
    s.recent.push(rawScore);
    if (s.recent.length > o.shortWindow) s.recent.shift();
    const recentMean = s.recent.reduce((a, b) => a + b, 0) / s.recent.length;

    let likelihood = 0.5;
    if (s.count >= o.probation) {
      const n = Math.min(s.count, o.historyLength);
      const mean = s.sum / n;
      const variance = Math.max(s.sumSquares / n - mean * mean, 1e-6);
      likelihood = 1 - normalTail((recentMean - mean) / Math.sqrt(variance));
    }
    // Ring buffer of raw scores with running sums: constant time per point.
    if (s.history.length < o.historyLength) s.history.push(rawScore);
    else {
      const old = s.history[s.next]!;
      s.sum -= old;
      s.sumSquares -= old * old;
      s.history[s.next] = rawScore;
      s.next = (s.next + 1) % o.historyLength;
    }
    s.sum += rawScore;
    s.sumSquares += rawScore * rawScore;
    s.count++;
    return likelihood;
  }

  toState(): AnomalyLikelihoodState {
    return structuredClone(this.state);
  }
}
