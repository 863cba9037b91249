export * from './linear/logistic-regression';
export * from './linear/logistic-regression.family';
export * from './metrics/classification-metrics';
export * from './random/seeded-random';
export * from './trees/isolation-forest';
export * from './trees/isolation-forest.family';
export * from './embeddings/transformers-embedders';
export * from './hashing/fnv1a';
