export { attributeCoverage, type AttributeCoverage } from './attribute-coverage';
export { AttributeVocabulary, normaliseAttributeValue } from './attribute-vocabulary';
export { selectDiverse, type DiverseCandidate, type DiverseSelection, type DiverseSelectionOptions } from './diverse-selection';
export { meanPairwiseCosineDistance } from './diversity-score';
export { denseKernel, qualityDiversityKernel, type DppKernel, type QualityDiversityWeights } from './dpp-kernel';
export { DEFAULT_MIN_GAIN, greedyMapInference, type GreedyMapResult } from './greedy-map';

