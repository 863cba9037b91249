import type { AttributeSpec } from '#contracts';
import { IsolationForest } from '#ml';
import { AttributeVocabulary } from '../selection/attribute-vocabulary';

/** Below this many assets an isolation forest has too little to say what is usual; consistency alone decides. */
export const MIN_ASSETS_FOR_OUTLIERS = 8;

export interface BatchOutlierOptions {
  /** Expected share of outliers: assets scoring above the (1 − contamination) quantile of the batch are flagged. */
  contamination: number;
  seed: number;
}

export interface BatchOutliers {
  /** Isolation score per asset, in (0, 1]: ~0.5 ordinary, towards 1 easy to isolate. */
  scores: number[];
  threshold: number;
  flagged: boolean[];
  /** For a flagged asset, the one-hot feature that did most to isolate it, e.g. 'garment_type=jacket'; null otherwise. */
  isolatedBy: ({ feature: string; present: boolean } | null)[];
}

/** The q-quantile by linear interpolation between order statistics. */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = q * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (at - below) * (sorted[above]! - sorted[below]!);
}

/**
 * Assets unusual within their own batch, by an isolation forest on one-hot attribute features.
 * The target joins the training rows as a reference (as in the design seed) but is not scored.
 * Strictly above the threshold, so a batch whose scores tie flags nothing. Null when the batch
 * has fewer than MIN_ASSETS_FOR_OUTLIERS assets.
 */
export function batchOutliers(target: AttributeSpec, assets: readonly AttributeSpec[], { contamination, seed }: BatchOutlierOptions): BatchOutliers | null {
  if (assets.length < MIN_ASSETS_FOR_OUTLIERS) return null;
  const vocabulary = AttributeVocabulary.fromSpecs([target, ...assets]);
  const rows = assets.map((spec) => vocabulary.oneHot(spec));
  const forest = IsolationForest.fit([...vocabulary.featureNames], [vocabulary.oneHot(target), ...rows], { seed });
  const scores = rows.map((row) => forest.score(row));
  const threshold = quantile(scores, 1 - contamination);
  const flagged = scores.map((s) => s > threshold);
  const isolatedBy = rows.map((row, i) => {
    if (!flagged[i]) return null;
    const lead = forest.explain(row)[0]!;
    return { feature: lead.feature, present: row[vocabulary.featureNames.indexOf(lead.feature)] === 1 };
  });
  return { scores, threshold, flagged, isolatedBy };
}
