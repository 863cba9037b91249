export {
  AttributeEncoder,
  type AttributeEncoderState,
  type EncodedColumn,
  type StyleRecord,
} from './attribute-encoding';
export { addAttributeCounts, dominantAttributes, styleSummary, type AttributeCounts, type DominantAttributes } from './cluster-description';
export { adjustedRandIndex } from './clustering-metrics';
export { toDenseMatrix, type DenseMatrix, type MatrixInput } from './dense-matrix';
export {
  GaussianMixture,
  type GaussianMixtureOptions,
  type GaussianMixtureState,
  type MixtureStatistics,
  type PartialFitOptions,
} from './gaussian-mixture';
export { kMeans, kMeansPlusPlusCentres, nearestCentroid, type KMeansOptions, type KMeansResult } from './k-means';
export { fitBestByBic, type BicSelection, type BicSelectionOptions } from './mixture-selection';
export { Pca, type PcaOptions, type PcaState } from './pca';
export {
  assignToMode,
  createStyleProfile,
  styleModeHint,
  updateStyleProfile,
  type ModeAssignment,
  type StyleCluster,
  type StyleModelState,
  type StyleProfile,
  type StyleProfileOptions,
  type StyleStatistics,
} from './style-profile';
export { StyleSpace, type StyleSpaceOptions, type StyleSpaceState } from './style-space';
export { symmetricEigen, type SymmetricEigen } from './symmetric-eigen';
export type { ValueCounts } from './value-counts';

