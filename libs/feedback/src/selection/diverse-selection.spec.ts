import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_NAMES, type AttributeSpec } from '#contracts';
import { FASHION_VALUES } from '#generator';
import { attributeCoverage } from './attribute-coverage';
import { selectDiverse, type DiverseCandidate } from './diverse-selection';

function spec(values: Partial<Omit<AttributeSpec, 'extra'>>): AttributeSpec {
  return {
    garment_type: null,
    silhouette: null,
    neckline: null,
    sleeve_length: null,
    length: null,
    color_primary: null,
    finish: null,
    style_overall: null,
    mood: null,
    extra: {},
    ...values,
  };
}

/** Specs that share no value with each other: spec i takes the i-th value of every attribute (i < 5). */
function disjointSpec(i: number): AttributeSpec {
  return spec(Object.fromEntries(ATTRIBUTE_NAMES.map((a) => [a, FASHION_VALUES[a][i]!])));
}

/** disjointSpec(0) with only its mood changed: a near-duplicate (8 of 9 attributes shared). */
function nearDuplicate(m: number): AttributeSpec {
  return { ...disjointSpec(0), mood: FASHION_VALUES.mood[10 + m]! };
}

describe('selectDiverse', () => {
  it('takes one of two near-duplicates and a distinct item of similar quality rather than both near-duplicates', () => {
    const items = [
      { id: 'a', attributes: disjointSpec(0), quality_score: 0.9 },
      { id: 'a-twin', attributes: nearDuplicate(0), quality_score: 0.9 },
      { id: 'b', attributes: disjointSpec(1), quality_score: 0.8 },
    ];
    const result = selectDiverse(items, { targetCount: 2 });
    expect(result.selected.map((i) => i.id)).toEqual(['a', 'b']);
    expect(result.rejected.map((i) => i.id)).toEqual(['a-twin']);
    expect(result.diversity_score).toBe(1);
  });

  it('lets quality win when the distinct item is very poor and quality is weighted up', () => {
    const items = [
      { id: 'a', attributes: disjointSpec(0), quality_score: 0.9 },
      { id: 'a-twin', attributes: nearDuplicate(0), quality_score: 0.9 },
      { id: 'b', attributes: disjointSpec(1), quality_score: 0.05 },
    ];
    const result = selectDiverse(items, { targetCount: 2, diversityWeight: 0.3, qualityWeight: 0.7 });
    expect(result.selected.map((i) => i.id)).toEqual(['a', 'a-twin']);
    expect(result.diversity_score).toBeCloseTo(1 - 8 / 9, 12);
  });

  it('picks a single member of a cluster of better-rated near-duplicates and fills the rest with distinct items', () => {
    const cluster = [0, 1, 2, 3].map((m) => ({ id: `twin-${m}`, attributes: nearDuplicate(m), quality_score: 0.9 }));
    const distinct = [1, 2, 3, 4].map((i) => ({ id: `distinct-${i}`, attributes: disjointSpec(i), quality_score: 0.8 }));
    const result = selectDiverse([...cluster, ...distinct], { targetCount: 4 });
    expect(result.selected.filter((i) => i.id.startsWith('twin')).length).toBe(1);
    expect(result.diversity_score).toBe(1);
    expect(result.log_det).toBeLessThan(0);
  });

  it('accepts numeric features; the Gaussian kernel is full rank, so 2-dimensional features still give 3 items', () => {
    const items: DiverseCandidate[] = [
      { id: 'east', features: [1, 0] },
      { id: 'east-ish', features: [0.99, 0.01] },
      { id: 'north', features: [0, 1] },
      { id: 'north-east', features: [0.7, 0.7] },
    ];
    const result = selectDiverse(items, { targetCount: 3 });
    expect(result.selected).toHaveLength(3);
    expect(result.selected.map((i) => i.id)).toContain('east');
    expect(result.selected.map((i) => i.id)).toContain('north');
    expect(result.coverage).toBeNull();
  });

  it('rejects bad input with a RangeError that names the problem', () => {
    const ok = [
      { id: 'a', features: [1, 0] },
      { id: 'b', features: [0, 1] },
    ];
    expect(() => selectDiverse([], { targetCount: 1 })).toThrow(/no candidates/);
    expect(() => selectDiverse(ok, { targetCount: 0 })).toThrow(RangeError);
    expect(() => selectDiverse(ok, { targetCount: 1.5 })).toThrow(/positive integer/);
    expect(() => selectDiverse(ok, { targetCount: 3 })).toThrow(/exceeds the 2 candidates/);
    expect(() => selectDiverse([...ok, { id: 'c', features: [Number.NaN, 1] }], { targetCount: 1 })).toThrow(/item c .*finite/);
    expect(() => selectDiverse([...ok, { id: 'c', features: [1, 2, 3] }], { targetCount: 1 })).toThrow(/item c has 3 features, expected 2/);
    expect(() => selectDiverse([...ok, { id: 'c' }], { targetCount: 1 })).toThrow(/item c has no features/);
    expect(() => selectDiverse([{ id: 'c' }], { targetCount: 1 })).toThrow(/neither features nor attributes/);
    expect(() => selectDiverse([{ id: 'a', features: [1], quality_score: 1.2 }], { targetCount: 1 })).toThrow(/quality_score 1.2/);
    expect(() => selectDiverse(ok, { targetCount: 1, diversityWeight: 0 })).toThrow(/diversityWeight/);
    expect(() => selectDiverse(ok, { targetCount: 1, qualityWeight: -1 })).toThrow(/qualityWeight/);
  });
});

describe('attributeCoverage', () => {
  it('is, per attribute, the share of the candidates\' distinct values that the selection keeps, pooled for overall', () => {
    const a = spec({ garment_type: 'dress', silhouette: 'A-line', color_primary: 'black' });
    const b = spec({ garment_type: 'dress', silhouette: 'sheath', color_primary: 'red' });
    const c = spec({ garment_type: 'top', silhouette: 'wrap', color_primary: 'Black ' });
    const d = spec({ garment_type: 'skirt', silhouette: 'a-line', color_primary: 'ivory' });
    const coverage = attributeCoverage([a, b, c, d], [a, c]);
    expect(coverage).toEqual({
      by_attribute: { garment_type: 2 / 3, silhouette: 2 / 3, color_primary: 1 / 3 },
      overall: 5 / 9,
    });
  });

  it('is null when no candidate sets any attribute', () => {
    expect(attributeCoverage([spec({})], [spec({})])).toBeNull();
  });

  it('is reported by selectDiverse over the candidates\' attributes', () => {
    const items = [0, 1, 2, 3].map((i) => ({ id: `s${i}`, attributes: disjointSpec(i) }));
    expect(selectDiverse(items, { targetCount: 2 }).coverage).toEqual({
      by_attribute: Object.fromEntries(ATTRIBUTE_NAMES.map((a) => [a, 0.5])),
      overall: 0.5,
    });
  });
});
