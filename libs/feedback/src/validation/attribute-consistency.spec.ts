import { describe, expect, it } from 'vitest';
import type { AttributeSpec } from '#contracts';
import { consistencyScore, describeMismatch } from './attribute-consistency';

const target: AttributeSpec = {
  garment_type: 'dress',
  silhouette: 'mermaid',
  neckline: 'V-neck',
  sleeve_length: 'sleeveless',
  length: 'maxi',
  color_primary: 'black',
  finish: 'satin',
  style_overall: 'elegant',
  mood: 'refined',
  extra: { lighting: 'soft dramatic lighting' },
};

describe('consistencyScore', () => {
  it('is 1 with no mismatches for an identical spec, ignoring case, spaces and extra', () => {
    const same = { ...target, silhouette: ' Mermaid', color_primary: 'BLACK', extra: {} };
    expect(consistencyScore(target, same)).toEqual({ score: 1, mismatches: [] });
  });

  it('is 0 when every specified attribute differs', () => {
    const other: AttributeSpec = {
      garment_type: 'pants',
      silhouette: 'wide-leg',
      neckline: null,
      sleeve_length: null,
      length: 'ankle',
      color_primary: 'camel',
      finish: 'matte',
      style_overall: 'casual',
      mood: 'relaxed',
      extra: {},
    };
    const { score, mismatches } = consistencyScore(target, other);
    expect(score).toBe(0);
    expect(mismatches).toHaveLength(9);
  });

  it('weighs garment and silhouette 3, colour and style 2, the rest 1', () => {
    // Specified weight 3+3+2+2+1+1+1+1+1 = 15; silhouette (3) and finish (1) missed.
    const { score, mismatches } = consistencyScore(target, { ...target, silhouette: 'A-line', finish: 'matte' });
    expect(score).toBeCloseTo(11 / 15, 12);
    expect(mismatches.map(describeMismatch)).toEqual(['silhouette is A-line, target mermaid', 'finish is matte, target satin']);
    // A colour miss (2) costs more than a mood miss (1).
    expect(consistencyScore(target, { ...target, color_primary: 'red' }).score).toBeLessThan(consistencyScore(target, { ...target, mood: 'bold' }).score);
  });

  it('counts only the attributes the target sets, and names a missing value as missing', () => {
    const partial = { ...target, silhouette: null, neckline: null, sleeve_length: null, length: null, finish: null, style_overall: null, mood: null };
    const { score, mismatches } = consistencyScore(partial, { ...target, color_primary: null });
    expect(score).toBeCloseTo(3 / 5, 12);
    expect(mismatches.map(describeMismatch)).toEqual(['color_primary is missing, target black']);
  });

  it('is 1 when the target specifies nothing', () => {
    const empty = { ...target, garment_type: null, silhouette: null, neckline: null, sleeve_length: null, length: null, color_primary: null, finish: null, style_overall: null, mood: null };
    expect(consistencyScore(empty, target).score).toBe(1);
  });
});
