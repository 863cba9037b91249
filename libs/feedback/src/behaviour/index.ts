export {
  BehaviourClustering,
  type BehaviourAssignment,
  type BehaviourClusteringOptions,
  type BehaviourClusteringState,
  type BehaviourSegment,
} from './behaviour-clustering';
export { BEHAVIOUR_FEATURES, type BehaviourCounts, type BehaviourFeature, type BehaviourRow } from './behaviour-row';
export { BehaviourScaler, type BehaviourScalerState } from './behaviour-scaler';
export { describeSegment, ratiosToAverage, segmentLabel } from './segment-description';
export { silhouetteScore } from './silhouette';
