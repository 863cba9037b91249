import { ATTRIBUTE_NAMES, type AttributeName, type AttributeSpec, type Feedback, type FeedbackType } from '#contracts';
import { poissonArrivals } from './arrivals';
import { DailyCycle } from './daily-cycle';
import { EventIdSequence, shortIdOfStreamHash } from './event-id';
import { FASHION_VALUES, fashionPrompt, randomAttributeSpec } from './fashion-attributes';
import { hashString } from './hash';
import { Random } from './random';
import type { EventSource, TrafficEvent } from './traffic-event';

/**
 * A user's hidden taste, the ground truth a reward model should recover. The chance of a like is
 * sigmoid(utility), utility = bias + Σ weights[attribute][value] (0 for a null attribute)
 * + quality_weight × (quality − 0.5). Weights are centred per attribute (mean 0 over its values),
 * the identifiable form of one-hot logistic weights: the overall like rate sits in `bias`.
 */
export interface HiddenPreference {
  readonly user_id: string;
  readonly bias: number;
  readonly quality_weight: number;
  readonly weights: Readonly<Record<AttributeName, Readonly<Record<string, number>>>>;
}

/** Draws each user's hidden preference: mild tastes everywhere, a few strong likes and dislikes (scale default 1). */
export function createHiddenPreferences(seed: number, userIds: readonly string[], scale = 1): HiddenPreference[] {
  return userIds.map((userId) => {
    const rng = Random.derive(seed, 'preference', userId);
    const weights = {} as Record<AttributeName, Record<string, number>>;
    for (const attribute of ATTRIBUTE_NAMES) {
      const values = FASHION_VALUES[attribute];
      const raw = values.map(() => rng.normal(0, 0.5 * scale) + (rng.bernoulli(0.2) ? (rng.bernoulli(0.5) ? 1 : -1) * rng.uniform(1, 2) * scale : 0));
      const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
      weights[attribute] = Object.fromEntries(values.map((v, i) => [v, round4((raw[i] as number) - mean)]));
    }
    return { user_id: userId, bias: round4(rng.normal(0, 0.4)), quality_weight: round4(rng.uniform(1, 3)), weights };
  });
}

/** The hidden utility of an asset for a user (the logit of the like probability). */
export function preferenceUtility(preference: HiddenPreference, attributes: AttributeSpec, quality: number): number {
  let utility = preference.bias + preference.quality_weight * (quality - 0.5);
  for (const attribute of ATTRIBUTE_NAMES) {
    const value = attributes[attribute];
    if (value !== null) utility += preference.weights[attribute][value] ?? 0;
  }
  return utility;
}

export function likeProbability(preference: HiddenPreference, attributes: AttributeSpec, quality: number): number {
  return 1 / (1 + Math.exp(-preferenceUtility(preference, attributes, quality)));
}

export interface FeedbackOptions {
  seed: number;
  /** The users giving feedback; their hidden preferences come from the seed. */
  userIds: readonly string[];
  /** Mean feedback events per second over a day (default 1). */
  feedbackPerSecond?: number;
  /** Consecutive assets of a user that share a generation id (default 4). */
  assetsPerGeneration?: number;
  /** Strength of the hidden preferences (default 1). */
  preferenceScale?: number;
  /** Share of events that are 1-5 ratings rather than like/dislike/outlier (default 0.15). */
  ratingShare?: number;
  /** Share of events that report the asset's quality_score (default 0.9). */
  qualityReportShare?: number;
  cycle?: DailyCycle;
}

/**
 * Feedback on generated fashion assets: a Poisson stream following the daily cycle; each event
 * picks a user, generates an asset (uniformly random coherent attributes, a prompt built from them,
 * a hidden quality) and draws the reaction from the user's logistic preference model: like or
 * dislike, an "outlier" for some strong likes, or a 1-5 rating that rises with the like probability.
 */
export class FeedbackSource implements EventSource {
  readonly preferences: readonly HiddenPreference[];
  private readonly rng: Random;
  private readonly ids: EventIdSequence;
  private readonly rate: number;
  private readonly assetsPerGeneration: number;
  private readonly ratingShare: number;
  private readonly qualityReportShare: number;
  private readonly cycle: DailyCycle;
  private readonly assetCounters: number[];
  /** Hashes of the per-user id streams `asset:<user>` and `generation:<user>`. */
  private readonly assetStreams: readonly number[];
  private readonly generationStreams: readonly number[];
  private readonly times: number[] = [];

  constructor(private readonly options: FeedbackOptions) {
    if (options.userIds.length === 0) throw new RangeError('feedback needs at least one user');
    this.rate = options.feedbackPerSecond ?? 1;
    this.assetsPerGeneration = options.assetsPerGeneration ?? 4;
    this.ratingShare = options.ratingShare ?? 0.15;
    this.qualityReportShare = options.qualityReportShare ?? 0.9;
    if (!(this.rate >= 0)) throw new RangeError(`feedbackPerSecond must be ≥ 0, got ${this.rate}`);
    if (!Number.isInteger(this.assetsPerGeneration) || this.assetsPerGeneration < 1) {
      throw new RangeError(`assetsPerGeneration must be a positive integer, got ${this.assetsPerGeneration}`);
    }
    this.preferences = createHiddenPreferences(options.seed, options.userIds, options.preferenceScale ?? 1);
    this.rng = Random.derive(options.seed, 'feedback');
    this.ids = new EventIdSequence(options.seed, 'feedback');
    this.cycle = options.cycle ?? new DailyCycle();
    this.assetCounters = options.userIds.map(() => 0);
    this.assetStreams = options.userIds.map((id) => hashString(`asset:${id}`));
    this.generationStreams = options.userIds.map((id) => hashString(`generation:${id}`));
  }

  emit(fromMs: number, toMs: number, out: TrafficEvent[]): void {
    const times = poissonArrivals(this.rng, this.rate * this.cycle.at((fromMs + toMs) / 2), fromMs, toMs, this.times);
    for (let i = 0; i < times.length; i++) {
      const value = this.feedback(times[i] as number);
      out.push({ topic: 'feedback', key: value.user_id, value, incident: null });
    }
  }

  private feedback(time: number): Feedback {
    const rng = this.rng;
    const userIndex = rng.int(0, this.preferences.length);
    const preference = this.preferences[userIndex] as HiddenPreference;
    const userId = preference.user_id;
    const assetNumber = (this.assetCounters[userIndex] as number) + 1;
    this.assetCounters[userIndex] = assetNumber;
    const attributes = randomAttributeSpec(rng);
    const quality = 1 / (1 + Math.exp(-rng.normal(0.6, 1.2)));
    const p = likeProbability(preference, attributes, quality);
    const { type, rating } = this.reaction(p);
    return {
      event_id: this.ids.next(),
      event_time: time,
      user_id: userId,
      asset_id: shortIdOfStreamHash('a', this.options.seed, this.assetStreams[userIndex] as number, assetNumber),
      generation_id: shortIdOfStreamHash('g', this.options.seed, this.generationStreams[userIndex] as number, Math.floor((assetNumber - 1) / this.assetsPerGeneration)),
      feedback_type: type,
      rating,
      quality_score: rng.bernoulli(this.qualityReportShare) ? Math.round(quality * 1000) / 1000 : null,
      prompt: fashionPrompt(attributes, rng),
      attributes,
    };
  }

  private reaction(p: number): { type: FeedbackType; rating: number | null } {
    const rng = this.rng;
    if (rng.bernoulli(this.ratingShare)) {
      return { type: 'rating', rating: Math.min(5, Math.max(1, Math.round(1 + 4 * p + rng.normal(0, 0.4)))) };
    }
    if (!rng.bernoulli(p)) return { type: 'dislike', rating: null };
    return { type: p > 0.8 && rng.bernoulli(0.3) ? 'outlier' : 'like', rating: null };
  }
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
