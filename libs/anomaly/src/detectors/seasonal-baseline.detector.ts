import { AnomalyLikelihood, defaultAnomalyLikelihoodOptions, type AnomalyLikelihoodOptions, type AnomalyLikelihoodState } from './anomaly-likelihood';

const DAY_MS = 86_400_000;

export interface SeasonalDetectorOptions {
  /** Length of one slot of the day, e.g. an hour: the daily cycle is learned slot by slot. */
  slotMs: number;
  /** Weekdays and weekends get separate slots (the weekly cycle of a shop); otherwise every day is alike. */
  splitWeekends: boolean;
  /** Weight of a point in the short-term level and its error variance: spikes stand out against it. */
  shortAlpha: number;
  /** Weight of a point in its slot's mean and variance: slow, so drift and shifts stand out against it for a while. */
  seasonalAlpha: number;
  /**
   * Points as surprising as this likelihood teach their slot a tenth as much as others: an
   * incident does not become tomorrow's normal, while a lasting change still does, slowly.
   */
  guardedLikelihood: number;
  /** Points a slot needs before its baseline is used; it must also have been seen on an earlier day. */
  slotWarmup: number;
  /** Slack of the CUSUM chart, in standard deviations: surprises beyond it add up, so a slow drift stands out. */
  driftSlack: number;
  /** Spreads are floored at this share of the level, so a flat series does not make every wiggle infinite. */
  relativeFloor: number;
  likelihood: AnomalyLikelihoodOptions;
}

export const defaultSeasonalDetectorOptions: SeasonalDetectorOptions = {
  slotMs: 3_600_000,
  splitWeekends: true,
  shortAlpha: 0.3,
  seasonalAlpha: 0.02,
  guardedLikelihood: 0.999,
  slotWarmup: 30,
  driftSlack: 1,
  relativeFloor: 0.02,
  likelihood: defaultAnomalyLikelihoodOptions,
};

/**
 * Moments of one slot, or of the short-term level, stored flat: [mean, variance, n, first day]. The
 * first day keeps a slot cold during its first occurrence, when it has only seen part of its hour.
 */
const MEAN = 0;
const VARIANCE = 1;
const COUNT = 2;
const FIRST_DAY = 3;
const STRIDE = 4;
const MAX_DRIFT = 20;

export interface SeasonalDetectorState {
  short: number[];
  /** Slot s occupies [4s, 4s + 4): weekday slots first, then weekend slots when they are split. */
  slots: number[];
  /** CUSUM sums of upward and downward surprises beyond the slack. */
  drift: number[];
  likelihood: AnomalyLikelihoodState;
}

export interface SeasonalScore {
  /** The baseline used for this point: its slot's mean, or the short-term level while slots warm up. */
  expected: number;
  /** Surprise against the short-term level, in standard deviations of its recent errors. */
  zShort: number;
  /** Surprise against the seasonal baseline of this time of day; 0 while it warms up. */
  zSeasonal: number;
  /** CUSUM of surprises beyond the slack, signed by direction: large when many points in a row lean the same way. */
  zDrift: number;
  /** The signed surprise that was scored: the seasonal (or, while cold, short-term) one, or the drift when larger. */
  surprise: number;
  /** Calibrated anomaly likelihood in [0, 1]. */
  likelihood: number;
}

function zScore(value: number, mean: number, variance: number, count: number, relativeFloor: number, noiseFloor: number): number {
  if (count === 0) return 0;
  return (value - mean) / (Math.max(Math.sqrt(variance), noiseFloor) + relativeFloor * Math.abs(mean) + 1e-9);
}

/** Plain averages until 1/alpha points, then exponential forgetting: early points do not weigh more than later ones. */
function updateMoments(m: number[], offset: number, value: number, alpha: number, damping = 1): void {
  const n = m[offset + COUNT]!;
  const weight = Math.max(alpha, 1 / (n + 1)) * damping;
  const delta = value - m[offset + MEAN]!;
  m[offset + MEAN]! += weight * delta;
  m[offset + VARIANCE] = (1 - weight) * (m[offset + VARIANCE]! + weight * delta * delta);
  m[offset + COUNT] = n + 1;
}

/**
 * A streaming detector for one metric of one subject (e.g. a route's p95 latency per minute). Two
 * views of "normal": a slow time-of-day baseline, split into weekdays and weekends (daily and
 * weekly cycles are expected; spikes, drift and level shifts stand out against it until it learns
 * them) and, while a slot is still warming up, a fast short-term level. A CUSUM chart of the
 * surprise (Page, 1954) catches drifts too slow for any single point to stand out. The larger
 * of the two surprises goes through anomaly likelihood, which calibrates it against the stream's
 * own history. Deterministic; state is a few hundred numbers of plain JSON, so a restart resumes warm.
 */
export class SeasonalBaselineDetector {
  private readonly state: SeasonalDetectorState;
  private readonly likelihood: AnomalyLikelihood;
  private readonly slotsPerDay: number;

  constructor(
    private readonly options: SeasonalDetectorOptions = defaultSeasonalDetectorOptions,
    state?: SeasonalDetectorState,
  ) {
    if (!(options.slotMs > 0) || DAY_MS % options.slotMs !== 0) throw new Error(`SeasonalBaselineDetector: slotMs must divide a day, got ${options.slotMs}`);
    this.slotsPerDay = DAY_MS / options.slotMs;
    const slotCount = this.slotsPerDay * (options.splitWeekends ? 2 : 1);
    this.state = state ?? { short: [0, 0, 0, 0], slots: new Array<number>(slotCount * STRIDE).fill(0), drift: [0, 0], likelihood: new AnomalyLikelihood(options.likelihood).toState() };
    if (this.state.slots.length !== slotCount * STRIDE) throw new Error(`SeasonalBaselineDetector state has ${this.state.slots.length / STRIDE} slots, these options need ${slotCount}`);
    this.likelihood = new AnomalyLikelihood(options.likelihood, this.state.likelihood);
  }

  /**
   * Scores one point and learns from it. `noiseFloor` is the least spread to assume for this point
   * (e.g. the counting noise of a rate over few requests), in the value's own units.
   */
  update(timestamp: number, value: number, noiseFloor = 0): SeasonalScore {
    const o = this.options;
    const { short, slots } = this.state;
    const day = Math.floor(timestamp / DAY_MS);
    const position = (timestamp - day * DAY_MS) / o.slotMs;
    const slotOfDay = Math.floor(position);
    const own = this.slotOffset(day, slotOfDay);
    if (slots[own + COUNT] === 0) slots[own + FIRST_DAY] = day;

    const zShort = zScore(value, short[MEAN]!, short[VARIANCE]!, short[COUNT]!, o.relativeFloor, noiseFloor);
    const baseline = this.warm(own, day) ? this.baselineAt(day, slotOfDay, position - slotOfDay) : undefined;
    const zSeasonal = baseline ? zScore(value, baseline.mean, baseline.variance, 1, o.relativeFloor, noiseFloor) : 0;
    // A warm baseline already expects this hour's shape (a weekend dip, the evening peak); before
    // that, only the short-term level can say what is sudden.
    const zDrift = this.updateDrift(baseline ? zSeasonal : 0);
    const z = baseline ? zSeasonal : zShort;
    // The drift speaks only while the deviation lasts: once points are back within the slack, the
    // sum's slow decay must not keep an alert alive.
    const drifting = Math.sign(z) === Math.sign(zDrift) && Math.abs(z) > o.driftSlack;
    const surprise = drifting && Math.abs(zDrift) > Math.abs(z) ? zDrift : z;
    const likelihood = this.likelihood.update(Math.abs(surprise));
    const expected = baseline ? baseline.mean : short[MEAN]!;
    updateMoments(short, 0, value, o.shortAlpha);
    updateMoments(slots, own, value, o.seasonalAlpha, likelihood >= o.guardedLikelihood ? 0.1 : 1);
    return { expected, zShort, zSeasonal, zDrift, surprise, likelihood };
  }

  /** Two-sided CUSUM (Page, 1954) of the seasonal surprise, capped so a learned level shift fades in bounded time. */
  private updateDrift(z: number): number {
    const drift = this.state.drift;
    const k = this.options.driftSlack;
    drift[0] = Math.min(MAX_DRIFT, Math.max(0, drift[0]! + z - k));
    drift[1] = Math.min(MAX_DRIFT, Math.max(0, drift[1]! - z - k));
    return drift[0]! >= drift[1]! ? drift[0]! : -drift[1]!;
  }

  private slotOffset(day: number, slotOfDay: number): number {
    if (slotOfDay < 0) return this.slotOffset(day - 1, slotOfDay + this.slotsPerDay);
    if (slotOfDay >= this.slotsPerDay) return this.slotOffset(day + 1, slotOfDay - this.slotsPerDay);
    return (this.options.splitWeekends && isWeekend(day) ? this.slotsPerDay + slotOfDay : slotOfDay) * STRIDE;
  }

  private warm(offset: number, day: number): boolean {
    return this.state.slots[offset + COUNT]! >= this.options.slotWarmup && day > this.state.slots[offset + FIRST_DAY]!;
  }

  /**
   * The baseline at a point within its slot: a parabola through this slot's mean and its two
   * neighbours' (each mean belongs to its slot's middle), so on a steep morning rise late points
   * are not all "above normal", nor at the night's trough all "below".
   */
  private baselineAt(day: number, slotOfDay: number, withinSlot: number): { mean: number; variance: number } {
    const slots = this.state.slots;
    const own = this.slotOffset(day, slotOfDay);
    // Neighbours within the same kind of day: Sunday night does not lean towards Monday morning.
    const before = this.slotOffset(day, (slotOfDay - 1 + this.slotsPerDay) % this.slotsPerDay);
    const after = this.slotOffset(day, (slotOfDay + 1) % this.slotsPerDay);
    const mean = slots[own + MEAN]!;
    const variance = slots[own + VARIANCE]!;
    if (!this.warm(before, day) || !this.warm(after, day)) return { mean, variance };
    const x = withinSlot - 0.5;
    const [m0, m1] = [slots[before + MEAN]!, slots[after + MEAN]!];
    const slope = (m1 - m0) / 2;
    const curvature = (m1 - 2 * mean + m0) / 2;
    // Within the three means: a parabola must not overshoot (an error rate below zero after a burst).
    const interpolated = mean + x * slope + (x * x - 1 / 12) * curvature;
    return { mean: Math.min(Math.max(interpolated, Math.min(m0, mean, m1)), Math.max(m0, mean, m1)), variance };
  }

  toState(): SeasonalDetectorState {
    return { short: [...this.state.short], slots: [...this.state.slots], drift: [...this.state.drift], likelihood: this.likelihood.toState() };
  }
}

function isWeekend(epochDay: number): boolean {
  // Day 0 (1970-01-01) was a Thursday; 0 is Sunday and 6 Saturday, as in Date.getUTCDay.
  const dayOfWeek = (((epochDay + 4) % 7) + 7) % 7;
  return dayOfWeek === 0 || dayOfWeek === 6;
}
