import { FASHION_VALUES, Random, randomAttributeSpec } from '#generator';
import { describe, expect, it } from 'vitest';
import { GARMENT_ATTRIBUTE_VALUES, mentionsGarmentAttribute } from './garment-vocabulary';
import { isShot, phraseRole } from './phrase-roles';
import { BASE_TEMPLATE, GARMENT_MODIFIERS, STYLE_TEMPLATES, garmentModifier, styleTemplate } from './prompt-templates';

describe('prompt templates', () => {
  it('cover every style and garment of the synthetic feedback, and nothing else by accident', () => {
    for (const style of FASHION_VALUES.style_overall) expect(styleTemplate(style)).toBeDefined();
    for (const garment of FASHION_VALUES.garment_type) expect(garmentModifier(garment)).toBeDefined();
    expect(styleTemplate('baroque')).toBeUndefined();
    expect(styleTemplate('constructor')).toBeUndefined();
    expect(garmentModifier(null)).toBeUndefined();
  });

  it("recognise the synthetic prompts' lighting and framing", () => {
    const rng = new Random(11);
    for (let i = 0; i < 200; i++) {
      const spec = randomAttributeSpec(rng);
      expect(phraseRole(spec.extra.lighting!)).toBe('lighting');
      expect(isShot(spec.extra.shot!)).toBe(true);
    }
  });

  it('name no colour, garment, cut or finish (the angle "straight on" and the mood "relaxed" only sound like one)', () => {
    const phrases = [
      ...Object.values(BASE_TEMPLATE).flat(),
      ...Object.values(STYLE_TEMPLATES).flatMap((s) => [...s.mood, ...s.lighting, ...s.composition]),
      ...Object.values(GARMENT_MODIFIERS).flatMap((g) => [...g.shots, ...g.details]),
    ];
    expect(phrases.filter(mentionsGarmentAttribute)).toEqual(['straight on', 'relaxed']);
  });
});

describe('garment vocabulary', () => {
  it("is the generator's vocabulary", () => {
    for (const [attribute, values] of Object.entries(GARMENT_ATTRIBUTE_VALUES)) {
      expect([...values].sort()).toEqual([...FASHION_VALUES[attribute as keyof typeof GARMENT_ATTRIBUTE_VALUES]].sort());
    }
  });

  it('matches whole, hyphen-joined words only', () => {
    expect(mentionsGarmentAttribute('Black evening look')).toBe(true);
    expect(mentionsGarmentAttribute('off-shoulder')).toBe(true);
    expect(mentionsGarmentAttribute('longline silhouette')).toBe(true);
    expect(mentionsGarmentAttribute('long-exposure glow')).toBe(false);
    expect(mentionsGarmentAttribute('blackout curtains')).toBe(false);
    expect(mentionsGarmentAttribute('dramatic side lighting')).toBe(false);
  });
});
