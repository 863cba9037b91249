import { AnomalyLikelihood, defaultAnomalyLikelihoodOptions, type AnomalyLikelihoodOptions, type AnomalyLikelihoodState } from './anomaly-likelihood';

export interface SeasonalDetectorOptions {
  /** Length of one seasonal slot, e.g. an hour; slots repeat every `periodMs`. */
  slotMs: number;
  /** Season length: a week holds both the daily and the weekly cycle in hour-of-week slots. */
  periodMs: number;
  /** Weight of a point in the short-term level and its error variance: spikes stand out against it. */
  shortAlpha: number;
  /** Weight of a point in its slot's mean and variance: slow, so drift and shifts stand out against it for a while. */
  seasonalAlpha: number;
  /** Points a slot needs before its baseline is used. */
  slotWarmup: number;
  /** Spreads are floored at this share of the level, so a flat series does not make every wiggle infinite. */
  relativeFloor: number;
  likelihood: AnomalyLikelihoodOptions;
}

export const defaultSeasonalDetectorOptions: SeasonalDetectorOptions = {
  slotMs: 3_600_000,
  periodMs: 7 * 86_400_000,
  shortAlpha: 0.3,
  seasonalAlpha: 0.02,
  slotWarmup: 30,
  relativeFloor: 0.02,
  likelihood: defaultAnomalyLikelihoodOptions,
};

interface Moments {
  mean: number;
  variance: number;
  n: number;
}

export interface SeasonalDetectorState {
  short: Moments;
  slots: Record<number, Moments>;
  likelihood: AnomalyLikelihoodState;
}

export interface SeasonalScore {
  /** The seasonal baseline at this time (the short-term level while the slot is warming up). */
  expected: number;
  /** Surprise against the short-term level, in standard deviations of its recent errors. */
  zShort: number;
  /** Surprise against the seasonal baseline of this hour of the week; 0 while it warms up. */
  zSeasonal: number;
  /** Calibrated anomaly likelihood in [0, 1]. */
  likelihood: number;
}

const emptyMoments = (): Moments => ({ mean: 0, variance: 0, n: 0 });

function zScore(value: number, m: Moments, relativeFloor: number): number {
  if (m.n === 0) return 0;
  return (value - m.mean) / (Math.sqrt(m.variance) + relativeFloor * Math.abs(m.mean) + 1e-9);
}

function updateMoments(m: Moments, value: number, alpha: number): void {
  if (m.n === 0) m.mean = value;
  else {
    const delta = value - m.mean;
    m.mean += alpha * delta;
    m.variance = (1 - alpha) * (m.variance + alpha * delta * delta);
  }
  m.n++;
}

/**
 * A streaming detector for one metric of one subject (e.g. a route's p99 latency per minute). Two
 * views of "normal": a slow hour-of-week baseline (daily and weekly cycles are expected; spikes,
 * drift and level shifts stand out against it until it learns them) and, while an hour's baseline
 * is still warming up, a fast short-term level. The surprise goes through anomaly likelihood,
 * which calibrates it against the stream's own history. Deterministic; state is plain JSON, so a
 * restart resumes warm.
 */
export class SeasonalBaselineDetector {
  private readonly state: SeasonalDetectorState;
  private readonly likelihood: AnomalyLikelihood;

  constructor(
    private readonly options: SeasonalDetectorOptions = defaultSeasonalDetectorOptions,
    state?: SeasonalDetectorState,
  ) {
    this.state = state ?? { short: emptyMoments(), slots: {}, likelihood: new AnomalyLikelihood(options.likelihood).toState() };
    this.likelihood = new AnomalyLikelihood(options.likelihood, this.state.likelihood);
  }

  update(timestamp: number, value: number): SeasonalScore {
    const o = this.options;
    const slotIndex = Math.floor((((timestamp % o.periodMs) + o.periodMs) % o.periodMs) / o.slotMs);
    const slot = (this.state.slots[slotIndex] ??= emptyMoments());
    const short = this.state.short;
    const zShort = zScore(value, short, o.relativeFloor);
    const warm = slot.n >= o.slotWarmup;
    const zSeasonal = warm ? zScore(value, slot, o.relativeFloor) : 0;
    // A warm baseline already expects this hour's shape (a weekend dip, the evening peak); before
    // that, only the short-term level can say what is sudden.
    const likelihood = this.likelihood.update(Math.abs(warm ? zSeasonal : zShort));
    updateMoments(short, value, o.shortAlpha);
    updateMoments(slot, value, o.seasonalAlpha);
    return { expected: warm ? slot.mean : short.mean, zShort, zSeasonal, likelihood };
  }

  toState(): SeasonalDetectorState {
    return { short: { ...this.state.short }, slots: structuredClone(this.state.slots), likelihood: this.likelihood.toState() };
  }
}
