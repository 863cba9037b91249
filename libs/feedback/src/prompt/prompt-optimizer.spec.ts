import { Random, fashionPrompt, randomAttributeSpec } from '#generator';
import { describe, expect, it } from 'vitest';
import { BASE, SPEC } from './prompt-fixtures.testing';
import { optimizePrompt, scoreEach, type PromptScorer } from './prompt-optimizer';


/** Stands in for the reward model: a like probability that rises with the phrases this user favours. */
function phraseScorer(weights: Readonly<Record<string, number>>, base = 0.4): PromptScorer {
  return (prompt) => {
    const phrases = new Set(prompt.split(', '));
    let score = base;
    for (const [phrase, weight] of Object.entries(weights)) if (phrases.has(phrase)) score += weight;
    return Math.round(score * 1000) / 1000;
  };
}

describe('optimizePrompt', () => {
  it('picks the highest-scoring candidate and explains its edits', async () => {
    const result = await optimizePrompt({ basePrompt: BASE, spec: SPEC }, scoreEach(phraseScorer({ 'dramatic side lighting': 0.2 })));
    expect(result).toMatchObject({
      prompt: 'high fashion photography, bold dramatic black satin sheath dress, V-neck, sleeveless, midi length, dramatic side lighting, full body, clean minimal background',
      confidence: 0.6,
      base_score: 0.4,
      adjustments: ['replaced "studio lighting" with "dramatic side lighting": lighting matched to the dramatic style'],
      metadata: { style_mode: 'dramatic' },
    });
    expect(result.predicted_improvement).toBeCloseTo(0.2, 12);
    expect(result.changes).toEqual([{ group: 'lighting', action: 'replaced', text: 'dramatic side lighting', replaced: 'studio lighting', reason: 'lighting matched to the dramatic style' }]);
    expect(result.top.map((t) => t.score)).toEqual([0.6, 0.6, 0.6]);
    expect(result.top[0]!.prompt).toBe(result.prompt);
    expect(result.candidates_considered).toBeGreaterThan(20);
    expect(result.candidates_considered).toBeLessThanOrEqual(50);
  });

  it('stacks the edits that each improve the score', async () => {
    const scorer = phraseScorer({ 'dramatic side lighting': 0.2, 'sharp focus': 0.1, 'dynamic pose': 0.05, 'soft neutral backdrop': -0.1 });
    const result = await optimizePrompt({ basePrompt: BASE, spec: SPEC }, scoreEach(scorer));
    expect(result.prompt).toContain('dramatic side lighting');
    expect(result.prompt).toContain('sharp focus');
    expect(result.prompt).toContain('dynamic pose');
    expect(result.prompt).not.toContain('soft neutral backdrop');
    expect(result.confidence).toBe(0.75);
    expect(result.predicted_improvement).toBeCloseTo(0.35, 12);
    expect(result.adjustments).toHaveLength(3);
    expect(result.top.map((t) => t.score)).toEqual([...result.top.map((t) => t.score)].sort((a, b) => b - a));
  });

  it('keeps the base prompt, and says so, when nothing scores higher', async () => {
    const longerIsWorse: PromptScorer = (prompt) => 1 / prompt.split(',').length;
    const result = await optimizePrompt({ basePrompt: BASE, spec: SPEC }, scoreEach(longerIsWorse));
    expect(result.prompt).toBe(BASE);
    expect(result.confidence).toBe(result.base_score);
    expect(result.predicted_improvement).toBe(0);
    expect(result.changes).toEqual([]);
    expect(result.adjustments).toEqual([`kept the base prompt: none of the other ${result.candidates_considered - 1} candidates scored above its 0.125`]);

    const flat = await optimizePrompt({ basePrompt: BASE, spec: SPEC }, scoreEach(() => 0.5));
    expect(flat.prompt).toBe(BASE);
    expect(flat.predicted_improvement).toBe(0);
  });

  it('tries phrases learned from liked history prompts', async () => {
    const history = [
      { prompt: 'studio quality, casual navy cotton top, neon accent light, moody film grain', liked: true },
      { prompt: 'editorial fashion photograph, red slip dress, moody film grain, walking shot', liked: true },
      { prompt: 'professional product shot, ivory wrap dress, walking shot, clean minimal background', liked: false },
    ];
    const scorer = phraseScorer({ 'moody film grain': 0.1, 'neon accent light': 0.05 });
    const result = await optimizePrompt({ basePrompt: BASE, spec: SPEC, history }, scoreEach(scorer));
    expect(result.prompt).toBe(
      'high fashion photography, bold dramatic black satin sheath dress, V-neck, sleeveless, midi length, moody film grain, neon accent light, full body, clean minimal background',
    );
    expect(result.adjustments).toEqual([
      'added "moody film grain": learned from your likes: in 2 liked prompts and no disliked one',
      'replaced "studio lighting" with "neon accent light": learned from your likes: in 1 liked prompt and no disliked one',
    ]);
    expect(result.predicted_improvement).toBeCloseTo(0.15, 12);
  });

  it('reports the profile style mode, is deterministic and stays small on synthetic prompts', async () => {
    const rng = new Random(5);
    for (let i = 0; i < 50; i++) {
      const spec = randomAttributeSpec(rng);
      const request = {
        basePrompt: fashionPrompt(spec, rng),
        spec,
        styleProfile: { style_summary: 'Quiet luxury', dominant_attributes: { color_primary: [spec.color_primary!, 0.5] as [string, number] } },
        history: [{ prompt: fashionPrompt(randomAttributeSpec(rng), rng), liked: true }],
      };
      const scorer = phraseScorer({ 'sharp focus': 0.01, 'deep shadows': 0.02, '8k resolution': 0.03 });
      const result = await optimizePrompt(request, scoreEach(scorer));
      expect(await optimizePrompt(request, scoreEach(scorer))).toEqual(result);
      expect(result.metadata).toEqual({ style_mode: 'Quiet luxury' });
      expect(result.candidates_considered).toBeLessThanOrEqual(50);
      expect(result.confidence).toBe(scorer(result.prompt, spec));
    }
  });

  it('refuses a score that is not a number and bad options', async () => {
    await expect(optimizePrompt({ basePrompt: BASE, spec: SPEC }, scoreEach(() => Number.NaN))).rejects.toThrow('the prompt scorer returned NaN');
    await expect(optimizePrompt({ basePrompt: BASE, spec: SPEC }, scoreEach(() => 0.5), { historyPhrases: -1 })).rejects.toThrow(RangeError);
    await expect(optimizePrompt({ basePrompt: BASE, spec: SPEC }, scoreEach(() => 0.5), { maxVariations: 0 })).rejects.toThrow(RangeError);
  });
});
