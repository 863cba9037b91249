import type { AttributeSpec } from '#contracts';
import { attributeCoverage, type AttributeCoverage } from './attribute-coverage';
import { AttributeVocabulary } from './attribute-vocabulary';
import { meanPairwiseCosineDistance } from './diversity-score';
import { qualityDiversityKernel } from './dpp-kernel';
import { greedyMapInference } from './greedy-map';

export interface DiverseCandidate {
  id: string;
  /** Used for one-hot features when no candidate has `features`, and for coverage. */
  attributes?: AttributeSpec | null;
  /** Numeric features; when any candidate has them, all must, with the same length. */
  features?: readonly number[] | null;
  /** 0-1; missing or null means 0.5. */
  quality_score?: number | null;
}

export interface DiverseSelectionOptions {
  targetCount: number;
  diversityWeight?: number;
  qualityWeight?: number;
}

export interface DiverseSelection<T extends DiverseCandidate> {
  /** In the order greedy inference chose them; fewer than targetCount only when the rest add no new direction (see greedyMapInference). */
  selected: T[];
  rejected: T[];
  /** Mean pairwise cosine distance (1 − cos) between the selected items' feature vectors: 0 = all alike, 1 = nothing shared (one-hot). */
  diversity_score: number;
  /** Over the candidates' attributes; null when none carries any. */
  coverage: AttributeCoverage | null;
  /** log det of the DPP kernel restricted to the selection. */
  log_det: number;
}

const DEFAULT_QUALITY = 0.5;
/** A quality of 0 would make an item's kernel row vanish; floored so that it is picked last rather than never. */
const MIN_QUALITY = 1e-3;

function candidateFeatures(items: readonly DiverseCandidate[]): number[][] {
  if (items.some((item) => item.features != null)) {
    const dimension = items.find((item) => item.features != null)!.features!.length;
    return items.map((item) => {
      if (item.features == null) throw new RangeError(`selectDiverse: item ${item.id} has no features while others do; give every item features, or none`);
      if (item.features.length !== dimension) throw new RangeError(`selectDiverse: item ${item.id} has ${item.features.length} features, expected ${dimension}`);
      if (!item.features.every(Number.isFinite)) throw new RangeError(`selectDiverse: item ${item.id} has a feature that is not a finite number`);
      return [...item.features];
    });
  }
  const specs = items.map((item) => {
    if (item.attributes == null) throw new RangeError(`selectDiverse: item ${item.id} has neither features nor attributes`);
    return item.attributes;
  });
  const vocabulary = AttributeVocabulary.fromSpecs(specs);
  return specs.map((spec) => vocabulary.oneHot(spec));
}

function candidateQuality(item: DiverseCandidate): number {
  const q = item.quality_score ?? DEFAULT_QUALITY;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`selectDiverse: item ${item.id} has quality_score ${q}, expected a number in [0, 1]`);
  return Math.max(q, MIN_QUALITY);
}

/**
 * Stage 9 of the design seed: the targetCount candidates that are good and unlike each other, as
 * the greedy MAP of a DPP whose kernel weighs quality against diversity (qualityDiversityKernel).
 */
export function selectDiverse<T extends DiverseCandidate>(items: readonly T[], options: DiverseSelectionOptions): DiverseSelection<T> {
  const { targetCount, diversityWeight = 0.7, qualityWeight = 0.3 } = options;
  if (items.length === 0) throw new RangeError('selectDiverse: no candidates to select from');
  if (!Number.isInteger(targetCount) || targetCount <= 0) throw new RangeError(`selectDiverse: targetCount must be a positive integer, got ${targetCount}`);
  if (targetCount > items.length) throw new RangeError(`selectDiverse: targetCount ${targetCount} exceeds the ${items.length} candidates`);
  if (!(Number.isFinite(diversityWeight) && diversityWeight > 0)) throw new RangeError(`selectDiverse: diversityWeight must be a finite number > 0, got ${diversityWeight}`);
  if (!(Number.isFinite(qualityWeight) && qualityWeight >= 0)) throw new RangeError(`selectDiverse: qualityWeight must be a finite number ≥ 0, got ${qualityWeight}`);

  const features = candidateFeatures(items);
  const kernel = qualityDiversityKernel(features, items.map(candidateQuality), { diversityWeight, qualityWeight });
  const { selected, logDet } = greedyMapInference(kernel, targetCount);

  const isSelected = new Set(selected);
  const specs = items.flatMap((item) => (item.attributes == null ? [] : [item.attributes]));
  const selectedSpecs = selected.flatMap((i) => (items[i]!.attributes == null ? [] : [items[i]!.attributes!]));
  return {
    selected: selected.map((i) => items[i]!),
    rejected: items.filter((_, i) => !isSelected.has(i)),
    diversity_score: meanPairwiseCosineDistance(selected.map((i) => features[i]!)),
    coverage: attributeCoverage(specs, selectedSpecs),
    log_det: logDet,
  };
}
