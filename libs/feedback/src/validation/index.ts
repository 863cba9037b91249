export {
  validateAssets,
  type AssetValidation,
  type AssetValidationReport,
  type ValidateAssetsRequest,
  type ValidationAsset,
  type ValidationSummary,
} from './asset-validation';
export { CONSISTENCY_WEIGHTS, consistencyScore, describeMismatch, type AttributeMismatch, type Consistency } from './attribute-consistency';
export { MIN_ASSETS_FOR_OUTLIERS, batchOutliers, type BatchOutlierOptions, type BatchOutliers } from './batch-outliers';
