import type { AttributeSpec } from '#contracts';
import { consistencyScore, describeMismatch } from './attribute-consistency';
import { MIN_ASSETS_FOR_OUTLIERS, batchOutliers, type BatchOutliers } from './batch-outliers';

export interface ValidationAsset {
  id: string;
  /** The attributes read back from the generated asset. */
  attributes: AttributeSpec;
  /** Not used to validate; accepted so that the same objects can go on to selectDiverse. */
  quality_score?: number | null;
}

export interface ValidateAssetsRequest {
  target: AttributeSpec;
  assets: readonly ValidationAsset[];
  /** Assets below this consistency are rejected. */
  minConsistency?: number;
  /** Expected share of outliers in a batch, in [0, 0.5]. */
  contamination?: number;
  /** Seed of the isolation forest. */
  seed?: number;
}

export interface AssetValidation {
  asset_id: string;
  consistency_score: number;
  is_outlier: boolean;
  /** Isolation score in (0, 1]; null when the batch was too small to check. */
  outlier_score: number | null;
  is_rejected: boolean;
  /** Every attribute that differs from the target, then why the asset was rejected, if it was. */
  reasons: string[];
}

export interface ValidationSummary {
  total: number;
  passed: number;
  rejected: number;
  avg_consistency: number;
  outliers_checked: boolean;
  /** Isolation scores above this were flagged; null when the outlier check was skipped. */
  outlier_threshold: number | null;
  notes: string[];
}

export interface AssetValidationReport {
  validations: AssetValidation[];
  summary: ValidationSummary;
  outliers: AssetValidation[];
}

function outlierReason(outliers: BatchOutliers, i: number): string {
  const lead = outliers.isolatedBy[i];
  const cause = lead == null ? '' : `; set apart by ${lead.present ? '' : 'not having '}${lead.feature}`;
  return `unusual among this batch (isolation score ${outliers.scores[i]!.toFixed(2)} > ${outliers.threshold.toFixed(2)}${cause})`;
}

function checkRequest({ assets, minConsistency, contamination }: Required<Pick<ValidateAssetsRequest, 'assets' | 'minConsistency' | 'contamination'>>): void {
  if (assets.length === 0) throw new RangeError('validateAssets: no assets to validate');
  if (!(minConsistency >= 0 && minConsistency <= 1)) throw new RangeError(`validateAssets: minConsistency must be in [0, 1], got ${minConsistency}`);
  if (!(contamination >= 0 && contamination <= 0.5)) throw new RangeError(`validateAssets: contamination must be in [0, 0.5], got ${contamination}`);
  const seen = new Set<string>();
  for (const { id } of assets) {
    if (seen.has(id)) throw new RangeError(`validateAssets: asset id ${id} appears twice`);
    seen.add(id);
  }
}

/**
 * Stage 8 of the design seed: each generated asset against its target spec. Rejected when its
 * weighted consistency is below minConsistency or when it is an outlier within its batch
 * (batchOutliers); batches too small for outlier detection are judged on consistency alone.
 */
export function validateAssets({ target, assets, minConsistency = 0.6, contamination = 0.1, seed = 42 }: ValidateAssetsRequest): AssetValidationReport {
  checkRequest({ assets, minConsistency, contamination });
  const outliers = batchOutliers(
    target,
    assets.map((a) => a.attributes),
    { contamination, seed },
  );
  const validations = assets.map((asset, i): AssetValidation => {
    const { score, mismatches } = consistencyScore(target, asset.attributes);
    const reasons = mismatches.map(describeMismatch);
    const lowConsistency = score < minConsistency;
    if (lowConsistency) reasons.push(`consistency ${score.toFixed(2)} below the minimum ${minConsistency}`);
    const isOutlier = outliers?.flagged[i] ?? false;
    if (isOutlier) reasons.push(outlierReason(outliers!, i));
    return {
      asset_id: asset.id,
      consistency_score: score,
      is_outlier: isOutlier,
      outlier_score: outliers?.scores[i] ?? null,
      is_rejected: lowConsistency || isOutlier,
      reasons,
    };
  });
  const rejected = validations.filter((v) => v.is_rejected).length;
  return {
    validations,
    summary: {
      total: validations.length,
      passed: validations.length - rejected,
      rejected,
      avg_consistency: validations.reduce((s, v) => s + v.consistency_score, 0) / validations.length,
      outliers_checked: outliers !== null,
      outlier_threshold: outliers?.threshold ?? null,
      notes: outliers === null ? [`outlier check skipped: ${assets.length} assets, fewer than ${MIN_ASSETS_FOR_OUTLIERS}; judged on consistency alone`] : [],
    },
    outliers: validations.filter((v) => v.is_outlier),
  };
}
