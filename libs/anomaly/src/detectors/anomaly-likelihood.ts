import { normalTail } from './normal-tail';

export interface AnomalyLikelihoodOptions {
  /** Effective memory, in points, of the raw-score distribution (exponentially weighted past it). */
  historyLength: number;
  /** Recent raw scores averaged before comparing with that distribution. */
  shortWindow: number;
  /** No likelihood above 0.5 before this many scores: the distribution is not known yet. */
  probation: number;
  /**
   * Floor of the raw scores' standard deviation: on a very regular stream the spread of raw scores
   * is tiny and any wobble would look improbable. With raw scores in standard deviations, 0.5 asks
   * an alert for a recent surprise of at least about two more than usual.
   */
  minSpread: number;
}

export const defaultAnomalyLikelihoodOptions: AnomalyLikelihoodOptions = { historyLength: 2000, shortWindow: 2, probation: 100, minSpread: 0.5 };

export interface AnomalyLikelihoodState {
  count: number;
  mean: number;
  variance: number;
  recent: number[];
}

/**
 * Anomaly likelihood after Ahmad, Lavin, Purdy & Agha (2017): how improbable the recent average of
 * raw scores is under the distribution of raw scores seen so far. It turns a noisy raw score into a
 * calibrated one, so a stream that is always a little unusual does not alert. The distribution is
 * kept as exponentially weighted moments rather than the paper's sliding window: constant memory
 * per stream, which matters with tens of thousands of streams.
 */
export class AnomalyLikelihood {
  private readonly state: AnomalyLikelihoodState;

  constructor(
    private readonly options: AnomalyLikelihoodOptions = defaultAnomalyLikelihoodOptions,
    state?: AnomalyLikelihoodState,
  ) {
    this.state = state ?? { count: 0, mean: 0, variance: 0, recent: [] };
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
    let recentSum = 0;
    for (const r of s.recent) recentSum += r;
    const recentMean = recentSum / s.recent.length;

    let likelihood = 0.5;
    if (s.count >= o.probation) likelihood = 1 - normalTail((recentMean - s.mean) / Math.max(Math.sqrt(s.variance), o.minSpread, 1e-3));
    // Plain averages until the memory is full, then exponential forgetting.
    const weight = s.count < o.historyLength ? 1 / (s.count + 1) : 1 / o.historyLength;
    const delta = rawScore - s.mean;
    s.mean += weight * delta;
    s.variance = (1 - weight) * (s.variance + weight * delta * delta);
    s.count++;
    return likelihood;
  }

  toState(): AnomalyLikelihoodState {
    return { ...this.state, recent: [...this.state.recent] };
  }
}
