import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_NAMES, type AttributeSpec } from '#contracts';
import { Random, randomAttributeSpec } from '#generator';
import { rocAuc } from '#ml';
import { validateAssets, type ValidationAsset } from './asset-validation';

const target: AttributeSpec = {
  garment_type: 'dress',
  silhouette: 'A-line',
  neckline: 'V-neck',
  sleeve_length: 'sleeveless',
  length: 'midi',
  color_primary: 'black',
  finish: 'matte',
  style_overall: 'elegant',
  mood: 'sophisticated',
  extra: {},
};

/** The target with each attribute swapped, with probability `p`, for the value of a random spec. */
function nearTarget(rng: Random, p: number): AttributeSpec {
  const other = randomAttributeSpec(rng);
  const spec = { ...target };
  for (const a of ATTRIBUTE_NAMES) if (rng.bernoulli(p)) spec[a] = other[a];
  return spec;
}

/** Close to the target in the details but with a garment, cut, colour and style drawn at random: an unusual combination. */
function plantedOutlier(rng: Random): AttributeSpec {
  const other = randomAttributeSpec(rng);
  return { ...nearTarget(rng, 0.15), garment_type: other.garment_type, silhouette: other.silhouette, color_primary: other.color_primary, style_overall: other.style_overall };
}

/** 190 assets near the target and 10 planted outliers at random positions. */
function plantedBatch(seed: number): { assets: ValidationAsset[]; planted: Set<string> } {
  const rng = Random.derive(seed, 'batch');
  const planted = new Set(Array.from({ length: 10 }, (_, i) => `asset-${i * 20 + rng.int(0, 20)}`));
  const assets = Array.from({ length: 200 }, (_, i) => {
    const id = `asset-${i}`;
    return { id, attributes: planted.has(id) ? plantedOutlier(rng) : nearTarget(rng, 0.15) };
  });
  return { assets, planted };
}

describe('validateAssets', () => {
  it('separates planted outliers by isolation score with an AUC of at least 0.9 (200 assets, 10 planted)', () => {
    for (const seed of [1, 2, 3]) {
      const { assets, planted } = plantedBatch(seed);
      const report = validateAssets({ target, assets });
      const labels = report.validations.map((v) => (planted.has(v.asset_id) ? 1 : 0));
      const auc = rocAuc(
        labels,
        report.validations.map((v) => v.outlier_score!),
      );
      expect(auc).toBeGreaterThanOrEqual(0.9);
      expect(report.summary.outliers_checked).toBe(true);
      // contamination 0.1 flags at most 10% of the batch, strictly above the 90% quantile.
      expect(report.outliers.length).toBeLessThanOrEqual(20);
      expect(report.outliers.every((v) => v.is_rejected && v.reasons.some((r) => r.startsWith('unusual among this batch (isolation score')))).toBe(true);
    }
  });

  it('rejects the planted outliers and explains each rejection', () => {
    const { assets, planted } = plantedBatch(1);
    const report = validateAssets({ target, assets });
    const plantedResults = report.validations.filter((v) => planted.has(v.asset_id));
    expect(plantedResults.every((v) => v.is_rejected && v.reasons.length > 0)).toBe(true);
    expect(report.summary).toMatchObject({ total: 200, notes: [] });
    expect(report.summary.passed + report.summary.rejected).toBe(200);
    expect(report.summary.outlier_threshold).toBeGreaterThan(0);
  });

  it('rejects for low consistency with the mismatches and the shortfall as reasons', () => {
    const assets = [
      { id: 'match', attributes: target },
      { id: 'wrong-cut', attributes: { ...target, garment_type: 'skirt', silhouette: 'straight', neckline: null, sleeve_length: null } },
    ];
    const [match, wrong] = validateAssets({ target, assets }).validations;
    expect(match).toMatchObject({ consistency_score: 1, is_rejected: false, reasons: [] });
    expect(wrong!.consistency_score).toBeCloseTo(7 / 15, 12);
    expect(wrong!.is_rejected).toBe(true);
    expect(wrong!.reasons).toEqual([
      'garment_type is skirt, target dress',
      'silhouette is straight, target A-line',
      'neckline is missing, target V-neck',
      'sleeve_length is missing, target sleeveless',
      'consistency 0.47 below the minimum 0.6',
    ]);
  });

  it('skips the outlier check below 8 assets, says so, and judges on consistency alone', () => {
    const rng = Random.derive(9, 'small');
    const assets = [
      ...Array.from({ length: 6 }, (_, i) => ({ id: `near-${i}`, attributes: nearTarget(rng, 0.1) })),
      { id: 'odd', attributes: { ...target, garment_type: 'jacket', silhouette: 'oversized', color_primary: 'red' } },
    ];
    const report = validateAssets({ target, assets });
    expect(report.validations.every((v) => v.outlier_score === null && !v.is_outlier)).toBe(true);
    expect(report.outliers).toEqual([]);
    expect(report.summary.outliers_checked).toBe(false);
    expect(report.summary.outlier_threshold).toBeNull();
    expect(report.summary.notes).toEqual(['outlier check skipped: 7 assets, fewer than 8; judged on consistency alone']);
    expect(report.validations.find((v) => v.asset_id === 'odd')!.is_rejected).toBe(true);
    expect(report.summary.avg_consistency).toBeCloseTo(report.validations.reduce((s, v) => s + v.consistency_score, 0) / 7, 12);
  });

  it('flags nothing in a batch whose assets are all alike', () => {
    const assets = Array.from({ length: 20 }, (_, i) => ({ id: `same-${i}`, attributes: target }));
    const report = validateAssets({ target, assets });
    expect(report.outliers).toEqual([]);
    expect(report.summary).toMatchObject({ passed: 20, rejected: 0, avg_consistency: 1 });
  });

  it('rejects bad requests with a RangeError', () => {
    const one = [{ id: 'a', attributes: target }];
    expect(() => validateAssets({ target, assets: [] })).toThrow(/no assets/);
    expect(() => validateAssets({ target, assets: one, minConsistency: 1.5 })).toThrow(/minConsistency/);
    expect(() => validateAssets({ target, assets: one, contamination: 0.7 })).toThrow(/contamination/);
    expect(() => validateAssets({ target, assets: [...one, ...one] })).toThrow(/asset id a appears twice/);
  });
});
