import type { AttributeSpec, Feedback } from '#contracts';
import type { ModelFamily } from '#models';
import { CalibrationMonitor } from './calibration-monitor';
import { FeedbackFeaturizer } from './feedback-features';
import { OnlineRewardModel, defaultRewardModelOptions, type RewardModelOptions, type RewardModelState } from './online-reward-model';
import { rewardOf } from './reward-signal';

export interface RewardModelSettings {
  /** Hashed feature columns: 2^bits. */
  bits: number;
  /** Length of the prompt embedding fed beside the hashed features (0: none). */
  embeddingDimensions: number;
  options: RewardModelOptions;
}

export const defaultRewardModelSettings: RewardModelSettings = { bits: 14, embeddingDimensions: 0, options: defaultRewardModelOptions };

export interface FeedbackRewardState {
  bits: number;
  embeddingDimensions: number;
  model: RewardModelState;
}

/** An asset to score: what was asked for and how well it came out. */
export interface ScoredAsset {
  prompt: string;
  attributes: AttributeSpec;
  quality_score?: number | null;
  /** The prompt's embedding, when the model was built with one. */
  embedding?: readonly number[];
}

export interface RewardMetrics {
  events: number;
  users: number;
  /** Progressive (predict, then learn) log loss of the per-user predictions. */
  logLoss: number;
  /** The same for the shared model alone: the per-user deltas earn their keep when logLoss is lower. */
  sharedLogLoss: number;
  /** Expected calibration error of the per-user predictions (0: perfectly calibrated). */
  calibrationError: number;
}

/**
 * Seed 004's online reward model: learns from every feedback event which prompts and attribute
 * specs each user likes, and scores new ones as a calibrated probability of a like.
 */
export class FeedbackRewardModel {
  private readonly userQuality = new CalibrationMonitor();
  private readonly sharedQuality = new CalibrationMonitor();

  private constructor(
    readonly featurizer: FeedbackFeaturizer,
    readonly model: OnlineRewardModel,
  ) {}

  static create(settings: RewardModelSettings = defaultRewardModelSettings): FeedbackRewardModel {
    const featurizer = new FeedbackFeaturizer(settings.bits, settings.embeddingDimensions);
    return new FeedbackRewardModel(featurizer, new OnlineRewardModel(featurizer.columns, settings.options));
  }

  /** Learns from one event; null when it carries no signal (a rating without a value). */
  learn(feedback: Feedback, embedding?: readonly number[]): { prediction: number; target: number } | null {
    const signal = rewardOf(feedback);
    if (!signal) return null;
    const x = this.featurizer.encode(feedback.prompt, feedback.attributes, feedback.quality_score, embedding);
    this.sharedQuality.observe(this.model.predictShared(x), signal.target);
    const prediction = this.model.update(feedback.user_id, x, signal.target, signal.weight);
    this.userQuality.observe(prediction, signal.target);
    return { prediction, target: signal.target };
  }

  /** Probability that `userId` likes the asset (the shared model's, for an unknown user or none). */
  score(userId: string | null, asset: ScoredAsset): number {
    const x = this.featurizer.encode(asset.prompt, asset.attributes, asset.quality_score ?? null, asset.embedding);
    return userId === null ? this.model.predictShared(x) : this.model.predict(userId, x);
  }

  metrics(): RewardMetrics {
    return {
      events: this.model.events,
      users: this.model.userCount,
      logLoss: this.userQuality.logLoss,
      sharedLogLoss: this.sharedQuality.logLoss,
      calibrationError: this.userQuality.expectedCalibrationError,
    };
  }

  toState(): FeedbackRewardState {
    return { bits: this.featurizer.bits, embeddingDimensions: this.featurizer.embeddingDimensions, model: this.model.toState() };
  }

  static fromState(state: FeedbackRewardState): FeedbackRewardModel {
    const featurizer = new FeedbackFeaturizer(state.bits, state.embeddingDimensions);
    if (state.model.columns !== featurizer.columns) throw new Error(`reward model state: ${state.model.columns} columns, its featurizer makes ${featurizer.columns}`);
    return new FeedbackRewardModel(featurizer, OnlineRewardModel.fromState(state.model));
  }
}

export const rewardModelFamily: ModelFamily<FeedbackRewardModel> = {
  name: 'feedback-reward',
  toState: (model) => model.toState(),
  fromState(raw) {
    const state = raw as FeedbackRewardState;
    if (!state || !(state.bits >= 8) || !state.model || !Array.isArray(state.model.users)) throw new Error('feedback-reward state: expected { bits, embeddingDimensions, model: { users: [...] } }');
    return FeedbackRewardModel.fromState(state);
  },
  smokeTest(model) {
    const p = model.score(null, { prompt: 'a black midi dress, studio lighting', attributes: { garment_type: 'dress', silhouette: null, neckline: null, sleeve_length: null, length: 'midi', color_primary: 'black', finish: null, style_overall: null, mood: null, extra: {} }, quality_score: 0.7 });
    if (!(p > 0 && p < 1)) throw new Error(`a probability was expected, got ${p}`);
  },
};
