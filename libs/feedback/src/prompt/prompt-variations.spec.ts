import type { AttributeSpec } from '#contracts';
import { FASHION_VALUES, Random, fashionPrompt, randomAttributeSpec } from '#generator';
import { describe, expect, it } from 'vitest';
import { BASE, SPEC } from './prompt-fixtures.testing';
import { phraseRole } from './phrase-roles';
import { parsePhrases, phraseKey } from './prompt-phrases';
import { promptVariations } from './prompt-variations';
import type { StyleProfileHint } from './profile-emphasis';


const wordIn = (word: string, text: string): boolean => new RegExp(`(?<![\\w-])${word}(?![\\w-])`, 'i').test(text);

describe('promptVariations', () => {
  it('starts with the base prompt and matches the lighting to the style', () => {
    const variations = promptVariations(BASE, SPEC);
    expect(variations[0]).toEqual({ prompt: BASE, adjustments: [] });
    expect(variations[1]).toEqual({
      prompt: 'high fashion photography, bold dramatic black satin sheath dress, V-neck, sleeveless, midi length, dramatic side lighting, full body, clean minimal background',
      adjustments: [{ group: 'lighting', action: 'replaced', text: 'dramatic side lighting', replaced: 'studio lighting', reason: 'lighting matched to the dramatic style' }],
    });
    expect(variations).toHaveLength(24);
    expect(promptVariations(BASE, SPEC)).toEqual(variations);
  });

  it('samples every group before repeating one, and combines the preferred edits last', () => {
    const variations = promptVariations(BASE, SPEC, undefined, { max: 9 });
    expect(variations.slice(1, 7).map((v) => v.adjustments[0]?.group)).toEqual(['lighting', 'garment', 'style', 'quality', 'background', 'composition']);
    const [styleMatch, fullTemplate] = variations.slice(-2);
    expect(styleMatch!.prompt).toBe(
      'high fashion photography, bold dramatic black satin sheath dress, V-neck, sleeveless, midi length, dramatic side lighting, full body, dynamic pose, emphasis on drape and movement, clean minimal background',
    );
    expect(fullTemplate!.adjustments.map((a) => a.group)).toEqual(['quality', 'lighting', 'garment', 'background', 'finishing']);
  });

  it('emphasises dominant profile attributes the spec shares or leaves open, never contradicting ones', () => {
    const hint: StyleProfileHint = {
      style_summary: 'Dramatic evenings',
      dominant_attributes: { color_primary: ['black', 0.7], silhouette: ['wrap', 0.6], mood: ['bold', 0.3], length: ['maxi', 0.5] },
    };
    const variations = promptVariations(BASE, SPEC, hint);
    const profile = variations.flatMap((v) => v.adjustments).filter((a) => a.group === 'profile');
    expect(new Set(profile.map((a) => a.text))).toEqual(new Set(['black colour palette', 'bold mood']));
    expect(profile[0]?.reason).toBe('your style profile favours colour black (share 0.70), as this spec has');
    for (const v of variations) {
      expect(wordIn('wrap', v.prompt)).toBe(false);
      expect(wordIn('maxi', v.prompt)).toBe(false);
    }

    const open: AttributeSpec = { ...SPEC, garment_type: 'pants', color_primary: null, neckline: null, sleeve_length: null };
    const filled = promptVariations('studio quality, bold dramatic satin sheath pants, midi length', open, {
      dominant_attributes: { color_primary: ['navy', 0.5], neckline: ['V-neck', 0.8] },
    });
    expect(filled.flatMap((v) => v.adjustments).find((a) => a.group === 'profile')).toMatchObject({
      text: 'navy colour palette',
      reason: 'your style profile favours colour navy (share 0.50) and the spec leaves it open',
    });
    for (const v of filled) expect(v.prompt).not.toContain('V-neck');
  });

  it('falls back to the base template for an unknown style and garment', () => {
    const spec: AttributeSpec = { ...SPEC, garment_type: 'cape', style_overall: 'baroque' };
    const variations = promptVariations('ornate velvet cape', spec, undefined, { max: 50 });
    const groups = new Set(variations.flatMap((v) => v.adjustments.map((a) => a.group)));
    expect(groups).toEqual(new Set(['quality', 'composition', 'lighting', 'background', 'finishing']));
    expect(variations.some((v) => v.prompt === 'ornate velvet cape, sophisticated studio lighting')).toBe(true);
    expect(variations.some((v) => v.prompt === 'ornate velvet cape, full body')).toBe(true);
  });

  it('holds its invariants on synthetic prompts with random profiles', () => {
    const rng = new Random(2024);
    for (let i = 0; i < 200; i++) {
      const spec = randomAttributeSpec(rng);
      const base = fashionPrompt(spec, rng);
      const hint: StyleProfileHint = {
        dominant_attributes: {
          color_primary: [rng.choice(FASHION_VALUES.color_primary), rng.next()],
          silhouette: [rng.choice(FASHION_VALUES.silhouette), rng.next()],
          neckline: [rng.choice(FASHION_VALUES.neckline), rng.next()],
          finish: [rng.choice(FASHION_VALUES.finish), rng.next()],
        },
      };
      const variations = promptVariations(base, spec, hint);
      expect(variations[0]).toEqual({ prompt: base, adjustments: [] });
      expect(variations.length).toBeLessThanOrEqual(24);
      expect(new Set(variations.map((v) => phraseKey(v.prompt))).size).toBe(variations.length);
      const description = parsePhrases(base).filter((p) => phraseRole(p) === 'description');
      for (const { prompt, adjustments } of variations.slice(1)) {
        expect(adjustments.length).toBeGreaterThan(0);
        const phrases = prompt.split(', ');
        expect(new Set(phrases.map(phraseKey)).size).toBe(phrases.length);
        expect(phrases).toEqual(expect.arrayContaining(description));
        for (const word of [...FASHION_VALUES.color_primary, ...FASHION_VALUES.garment_type]) {
          if (!wordIn(word, base)) expect(wordIn(word, prompt)).toBe(false);
        }
      }
    }
  });

  it('rejects a bad max and an empty base prompt', () => {
    expect(promptVariations(BASE, SPEC, undefined, { max: 1 })).toEqual([{ prompt: BASE, adjustments: [] }]);
    expect(() => promptVariations(BASE, SPEC, undefined, { max: 0 })).toThrow(RangeError);
    expect(() => promptVariations(' , ', SPEC)).toThrow('no phrases');
  });
});
