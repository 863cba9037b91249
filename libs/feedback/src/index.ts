// Learning from design feedback (seed 004): reward model, prompt optimisation, style profiles,
// validation of generated assets, diverse selection, user behaviour clusters.
export * from './reward';
export * from './selection';
export * from './validation';
export * from './prompt';
export * from './style';
export * from './behaviour';
