import { BEHAVIOUR_FEATURES, type BehaviourCounts } from './behaviour-row';

export interface BehaviourScalerState {
  /** Mean of log1p(count) per feature, in BEHAVIOUR_FEATURES order. */
  mean: number[];
  /** Standard deviation of log1p(count) per feature (1 where a feature never varies). */
  std: number[];
}

/**
 * log1p then standardise: counts are heavy-tailed (a few users log in hundreds of times), and the
 * log keeps them from dominating the distances; standardising weighs the four counts equally.
 */
export class BehaviourScaler {
  private constructor(private readonly snapshot: BehaviourScalerState) {}

  static fit(rows: readonly BehaviourCounts[]): BehaviourScaler {
    const n = rows.length;
    const mean = BEHAVIOUR_FEATURES.map((f) => rows.reduce((s, r) => s + Math.log1p(r[f]), 0) / n);
    const std = BEHAVIOUR_FEATURES.map((f, j) => {
      const variance = rows.reduce((s, r) => s + (Math.log1p(r[f]) - mean[j]!) ** 2, 0) / n;
      return variance > 0 ? Math.sqrt(variance) : 1;
    });
    return new BehaviourScaler({ mean, std });
  }

  static fromState(state: BehaviourScalerState): BehaviourScaler {
    if (state.mean.length !== BEHAVIOUR_FEATURES.length || state.std.length !== BEHAVIOUR_FEATURES.length) {
      throw new RangeError(`BehaviourScaler.fromState: need ${BEHAVIOUR_FEATURES.length} means and standard deviations`);
    }
    return new BehaviourScaler(structuredClone(state));
  }

  transform(row: BehaviourCounts, into = new Float64Array(BEHAVIOUR_FEATURES.length), offset = 0): Float64Array {
    BEHAVIOUR_FEATURES.forEach((f, j) => (into[offset + j] = (Math.log1p(row[f]) - this.snapshot.mean[j]!) / this.snapshot.std[j]!));
    return into;
  }

  state(): BehaviourScalerState {
    return structuredClone(this.snapshot);
  }
}
