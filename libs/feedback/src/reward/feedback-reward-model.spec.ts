import { describe, expect, it } from 'vitest';
import type { Feedback } from '#contracts';
import { FeedbackSource, Random, fashionPrompt, preferenceUtility, randomAttributeSpec, type HiddenPreference, type TrafficEvent } from '#generator';
import { rocAuc } from '#ml';
import { FeedbackRewardModel, rewardModelFamily } from './feedback-reward-model';
import { rewardOf } from './reward-signal';

const USERS = Array.from({ length: 30 }, (_, i) => `u${i}`);

function feedbackStream(count: number, seed = 5): { events: Feedback[]; preferences: readonly HiddenPreference[] } {
  const source = new FeedbackSource({ seed, userIds: USERS, feedbackPerSecond: 50 });
  const out: TrafficEvent[] = [];
  for (let t = 0; out.length < count; t += 60_000) source.emit(t, t + 60_000, out);
  return { events: out.slice(0, count).map((e) => e.value as Feedback), preferences: source.preferences };
}

/** Per user, AUC of a scorer at telling apart unseen assets the user would like more (true utility above their median) from the rest. */
function rankingAuc(preferences: readonly HiddenPreference[], score: (userId: string, asset: { prompt: string; attributes: Feedback['attributes']; quality_score: number }) => number): number[] {
  const rng = Random.derive(99, 'unseen');
  return preferences.map((preference) => {
    const assets = Array.from({ length: 300 }, () => {
      const attributes = randomAttributeSpec(rng);
      return { prompt: fashionPrompt(attributes, rng), attributes, quality_score: rng.uniform(0, 1) };
    });
    const utilities = assets.map((a) => preferenceUtility(preference, a.attributes, a.quality_score));
    const median = [...utilities].sort((a, b) => a - b)[150]!;
    return rocAuc(
      utilities.map((u) => (u > median ? 1 : 0)),
      assets.map((a) => score(preference.user_id, a)),
    );
  });
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('FeedbackRewardModel', () => {
  const { events, preferences } = feedbackStream(24_000);
  const model = FeedbackRewardModel.create();
  for (const e of events) model.learn(e);

  it('learns each simulated user’s hidden taste: unseen assets ranked well above chance, per-user beating shared', () => {
    const perUser = rankingAuc(preferences, (user, asset) => model.score(user, asset));
    const shared = rankingAuc(preferences, (_, asset) => model.score(null, asset));
    // 800 events per user on average.
    expect(mean(perUser)).toBeGreaterThan(0.8);
    expect(mean(perUser)).toBeGreaterThan(mean(shared) + 0.05);
    expect(perUser.filter((auc, i) => auc > shared[i]!).length).toBeGreaterThanOrEqual(USERS.length * 0.8);
  });

  it('gives calibrated probabilities and says how well it predicted before learning', () => {
    const metrics = model.metrics();
    expect(metrics).toMatchObject({ events: events.filter((e) => rewardOf(e) !== null).length, users: USERS.length });
    expect(metrics.calibrationError).toBeLessThan(0.05);
    expect(metrics.logLoss).toBeLessThan(metrics.sharedLogLoss);
  });

  it('scores a user with little feedback like the shared model', () => {
    const fresh = FeedbackRewardModel.create();
    for (const e of events.slice(0, 5_000)) if (e.user_id !== 'u0') fresh.learn(e);
    const u0 = events.filter((e) => e.user_id === 'u0');
    fresh.learn(u0[0]!);
    const asset = { prompt: u0[1]!.prompt, attributes: u0[1]!.attributes, quality_score: 0.6 };
    expect(Math.abs(fresh.score('u0', asset) - fresh.score(null, asset))).toBeLessThan(0.05);
  });

  it('travels as a model artifact: the same scores after JSON', () => {
    const restored = rewardModelFamily.fromState(JSON.parse(JSON.stringify(rewardModelFamily.toState(model))));
    const asset = { prompt: events[0]!.prompt, attributes: events[0]!.attributes, quality_score: 0.4 };
    expect(restored.score('u3', asset)).toBe(model.score('u3', asset));
    expect(restored.score(null, asset)).toBe(model.score(null, asset));
    expect(() => rewardModelFamily.smokeTest(restored)).not.toThrow();
    expect(() => rewardModelFamily.fromState({ bits: 2 })).toThrow(/expected/);
  });
});

describe('rewardOf', () => {
  it("turns seed 004's reactions into targets and weights", () => {
    expect(rewardOf({ feedback_type: 'like', rating: null })).toEqual({ target: 1, weight: 1 });
    expect(rewardOf({ feedback_type: 'dislike', rating: null })).toEqual({ target: 0, weight: 1 });
    expect(rewardOf({ feedback_type: 'outlier', rating: null })).toEqual({ target: 1, weight: 2 });
    expect(rewardOf({ feedback_type: 'rating', rating: 4 })).toEqual({ target: 0.75, weight: 1 });
    expect(rewardOf({ feedback_type: 'rating', rating: null })).toBeNull();
  });
});
