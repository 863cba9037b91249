import { ATTRIBUTE_NAMES, type Feedback } from '#contracts';
import { describe, expect, it } from 'vitest';
import { Random } from './random';
import { FASHION_VALUES, GARMENT_RULES, fashionPrompt, randomAttributeSpec } from './fashion-attributes';
import { FeedbackSource, createHiddenPreferences, likeProbability, type HiddenPreference } from './feedback';
import type { TrafficEvent } from './traffic-event';
import { correlation } from './statistics.testing';

const START = Date.UTC(2025, 2, 3);
const USERS = ['u-000001', 'u-000002', 'u-000003', 'u-000004', 'u-000005', 'u-000006', 'u-000007', 'u-000008'];

describe('fashion attribute specs and prompts', () => {
  it('are coherent per garment and read like the design prompts', () => {
    const rng = new Random(1);
    for (let i = 0; i < 500; i++) {
      const spec = randomAttributeSpec(rng);
      const rule = GARMENT_RULES[spec.garment_type!]!;
      expect(rule.silhouettes).toContain(spec.silhouette);
      expect(rule.lengths).toContain(spec.length);
      if (rule.necklines === null) expect(spec.neckline).toBeNull();
      else expect(rule.necklines).toContain(spec.neckline);
      for (const name of ATTRIBUTE_NAMES) if (spec[name] !== null) expect(FASHION_VALUES[name]).toContain(spec[name]);
      const prompt = fashionPrompt(spec, rng);
      expect(prompt).toContain(`${spec.style_overall} ${spec.color_primary} ${spec.finish} ${spec.silhouette} ${spec.garment_type}`);
      expect(prompt).toContain(spec.extra.lighting!);
    }
    const spec = { ...randomAttributeSpec(new Random(2)), garment_type: 'dress', silhouette: 'A-line', color_primary: 'black', finish: 'matte', style_overall: 'elegant', mood: 'sophisticated' };
    expect(fashionPrompt(spec, new Random(3))).toMatch(/^(high fashion photography|professional product shot|studio quality|editorial fashion photograph), sophisticated elegant black matte A-line dress/);
  });
});

describe('hidden preferences', () => {
  const preferences = createHiddenPreferences(42, USERS);

  it('are deterministic, differ between users and are centred per attribute', () => {
    expect(createHiddenPreferences(42, USERS)).toEqual(preferences);
    expect(createHiddenPreferences(43, USERS)).not.toEqual(preferences);
    expect(preferences[0]!.weights).not.toEqual(preferences[1]!.weights);
    for (const p of preferences) {
      for (const name of ATTRIBUTE_NAMES) {
        const weights = Object.values(p.weights[name]);
        expect(weights).toHaveLength(FASHION_VALUES[name].length);
        expect(Math.abs(weights.reduce((a, b) => a + b, 0))).toBeLessThan(1e-3);
      }
    }
  });
});

describe('feedback events', () => {
  const source = new FeedbackSource({ seed: 42, userIds: USERS, feedbackPerSecond: 1 });
  const events: TrafficEvent[] = [];
  for (let t = START; t < START + 86_400_000; t += 60_000) source.emit(t, t + 60_000, events);
  const feedback = events.map((e) => e.value as Feedback);
  const byUser = new Map(source.preferences.map((p) => [p.user_id, p]));
  const probabilityOf = (f: Feedback): number => likeProbability(byUser.get(f.user_id)!, f.attributes, f.quality_score ?? 0.5);

  it('carry every reaction type, keyed by user, with assets grouped into generations', () => {
    expect(feedback.length).toBeGreaterThan(80_000);
    const types = new Set(feedback.map((f) => f.feedback_type));
    expect(types).toEqual(new Set(['like', 'dislike', 'outlier', 'rating']));
    expect(events.every((e) => e.key === (e.value as Feedback).user_id)).toBe(true);
    expect(feedback.every((f) => (f.feedback_type === 'rating') === (f.rating !== null))).toBe(true);
    expect(new Set(feedback.map((f) => f.asset_id)).size).toBe(feedback.length);
    const generation = feedback.filter((f) => f.generation_id === feedback[0]!.generation_id);
    expect(generation.length).toBe(4);
    expect(new Set(generation.map((f) => f.user_id)).size).toBe(1);
  });

  it('like more often what the hidden preference favours', () => {
    const binary = feedback.filter((f) => f.feedback_type !== 'rating' && f.quality_score !== null);
    const p = binary.map(probabilityOf);
    const liked = binary.map((f) => (f.feedback_type === 'dislike' ? 0 : 1));
    expect(correlation(p, liked)).toBeGreaterThan(0.4);
    // Calibration: in each probability decile the like rate matches the model.
    for (let decile = 0; decile < 10; decile++) {
      const idx = p.map((v, i) => ({ v, i })).filter(({ v }) => Math.floor(v * 10) === decile);
      if (idx.length < 500) continue;
      const rate = idx.reduce((s, { i }) => s + (liked[i] as number), 0) / idx.length;
      const meanP = idx.reduce((s, { v }) => s + v, 0) / idx.length;
      expect(Math.abs(rate - meanP)).toBeLessThan(0.04);
    }
  });

  it('let the hidden weights be recovered from like rates per attribute value', () => {
    const counts = new Map<string, { shown: number; liked: number }>();
    for (const f of feedback) {
      if (f.feedback_type === 'rating') continue;
      for (const name of ATTRIBUTE_NAMES) {
        const key = `${f.user_id}|${name}|${f.attributes[name]}`;
        const c = counts.get(key) ?? { shown: 0, liked: 0 };
        c.shown++;
        if (f.feedback_type !== 'dislike') c.liked++;
        counts.set(key, c);
      }
    }
    const weights: number[] = [];
    const logOdds: number[] = [];
    for (const preference of source.preferences) {
      for (const name of ATTRIBUTE_NAMES) {
        for (const value of FASHION_VALUES[name]) {
          const c = counts.get(`${preference.user_id}|${name}|${value}`);
          if (!c || c.shown < 150) continue;
          const rate = (c.liked + 0.5) / (c.shown + 1);
          weights.push(preference.weights[name][value]!);
          logOdds.push(Math.log(rate / (1 - rate)));
        }
      }
    }
    expect(weights.length).toBeGreaterThan(300);
    expect(correlation(weights, logOdds)).toBeGreaterThan(0.6);
  });

  it('give ratings that rise with the like probability and outliers only for strong likes', () => {
    const ratings = feedback.filter((f) => f.feedback_type === 'rating' && f.quality_score !== null);
    expect(correlation(ratings.map(probabilityOf), ratings.map((f) => f.rating!))).toBeGreaterThan(0.6);
    expect(ratings.every((f) => Number.isInteger(f.rating) && f.rating! >= 1 && f.rating! <= 5)).toBe(true);
    const outliers = feedback.filter((f) => f.feedback_type === 'outlier' && f.quality_score !== null);
    expect(outliers.length).toBeGreaterThan(100);
    expect(Math.min(...outliers.map(probabilityOf))).toBeGreaterThan(0.79);
  });

  it('exposes the hidden preferences it draws from', () => {
    const truth: readonly HiddenPreference[] = source.preferences;
    expect(truth.map((p) => p.user_id)).toEqual(USERS);
    expect(truth).toEqual(createHiddenPreferences(42, USERS));
  });
});
