export * from './prompt-templates';
export { parsePhrases, phraseKey } from './prompt-phrases';
export { describeAdjustment, type AdjustmentGroup, type PromptAdjustment, type PromptCandidate } from './prompt-adjustment';
export type { StyleProfileHint } from './profile-emphasis';
export { promptVariations, type VariationOptions } from './prompt-variations';
export type { PromptHistoryEntry } from './history-adjustments';
export {
  optimizePrompt,
  scoreEach,
  type PromptBatchScorer,
  type PromptOptimization,
  type PromptOptimizationOptions,
  type PromptOptimizationRequest,
  type PromptScorer,
  type ScoredPrompt,
} from './prompt-optimizer';
