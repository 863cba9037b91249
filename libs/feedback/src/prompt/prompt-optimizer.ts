import type { AttributeSpec } from '#contracts';
import { CandidateList } from './candidate-list';
import { historyAdjustments, type PromptHistoryEntry } from './history-adjustments';
import { describeAdjustment, type PromptAdjustment, type PromptCandidate } from './prompt-adjustment';
import { parsePhrases } from './prompt-phrases';
import { promptVariations } from './prompt-variations';
import { templateStyle, type StyleProfileHint } from './profile-emphasis';

export interface PromptOptimizationRequest {
  readonly basePrompt: string;
  readonly spec: AttributeSpec;
  readonly styleProfile?: StyleProfileHint;
  readonly history?: readonly PromptHistoryEntry[];
}

/** The reward model's calibrated probability that the user likes an asset generated from the prompt. */
export type PromptScorer = (prompt: string, spec: AttributeSpec) => number;

/** Scores prompts for one spec in a batch, in order (a reward model that embeds prompts needs them together). */
export type PromptBatchScorer = (prompts: readonly string[], spec: AttributeSpec) => Promise<readonly number[]>;

/** A batch scorer from a per-prompt one. */
export function scoreEach(score: PromptScorer): PromptBatchScorer {
  return (prompts, spec) => Promise.resolve(prompts.map((prompt) => score(prompt, spec)));
}

export interface PromptOptimizationOptions {
  /** Template and profile variations scored, the base included (default 24). */
  readonly maxVariations?: number;
  /** Phrases learned from liked history, each tried on its own (default 5). */
  readonly historyPhrases?: number;
}

export interface ScoredPrompt {
  readonly prompt: string;
  readonly score: number;
}

export interface PromptOptimization {
  readonly prompt: string;
  /** The chosen prompt's score. */
  readonly confidence: number;
  readonly base_score: number;
  /** confidence − base_score; 0 when the base prompt is kept. */
  readonly predicted_improvement: number;
  /** The chosen prompt's edits in words, or why the base prompt was kept. */
  readonly adjustments: string[];
  /** The chosen prompt's edits as data. */
  readonly changes: readonly PromptAdjustment[];
  readonly candidates_considered: number;
  /** The three best-scoring candidates, best first. */
  readonly top: ScoredPrompt[];
  readonly metadata: { readonly style_mode?: string };
}

const DEFAULT_HISTORY_PHRASES = 5;
/** Most single edits stacked into one candidate: the best 2, 3 and 4 improving ones are tried. */
const MAX_STACK = 4;

/**
 * Picks the prompt the reward model scores highest among: variations of the base from the template
 * system and the style profile, phrases learned from the user's history (each alone and all
 * together), and the single edits that improve the score most stacked together, which suits a
 * reward model that adds up phrase effects. About 40 candidates at most, each scored once. Ties go
 * to the candidate with fewer edits, so the base prompt is kept unless something scores higher.
 */
export async function optimizePrompt(request: PromptOptimizationRequest, score: PromptBatchScorer, options: PromptOptimizationOptions = {}): Promise<PromptOptimization> {
  const { basePrompt, spec, styleProfile, history = [] } = request;
  const variations = promptVariations(basePrompt, spec, styleProfile, { max: options.maxVariations ?? 24 });
  const basePhrases = parsePhrases(basePrompt);
  const candidates = new CandidateList(basePhrases);
  for (const variation of variations.slice(1)) candidates.include(variation);
  const historyPhrases = options.historyPhrases ?? DEFAULT_HISTORY_PHRASES;
  if (!Number.isInteger(historyPhrases) || historyPhrases < 0) throw new RangeError(`historyPhrases must be a non-negative integer, got ${historyPhrases}`);
  const { learned, shunned } = historyAdjustments(history, basePhrases, historyPhrases);
  for (const adjustment of [...learned, ...shunned]) candidates.add([adjustment]);
  if (learned.length + shunned.length > 1) candidates.add([...learned, ...shunned]);

  const scored = await scoreAll(score, candidates.candidates, spec);
  const baseScore = (scored[0] as ScoredCandidate).score;
  const improving = rank(scored).filter((s) => s.score > baseScore && s.candidate.adjustments.length === 1);
  const stacked: PromptCandidate[] = [];
  for (let size = 2; size <= Math.min(MAX_STACK, improving.length); size++) {
    const candidate = candidates.add(improving.slice(0, size).flatMap((s) => s.candidate.adjustments));
    if (candidate) stacked.push(candidate);
  }
  scored.push(...(await scoreAll(score, stacked, spec)));

  const ranked = rank(scored);
  const best = ranked[0] as ScoredCandidate;
  const kept = best.score <= baseScore;
  const styleMode = styleProfile?.style_summary ?? templateStyle(spec, styleProfile) ?? undefined;
  return {
    prompt: best.candidate.prompt,
    confidence: best.score,
    base_score: baseScore,
    predicted_improvement: kept ? 0 : best.score - baseScore,
    adjustments: kept
      ? [`kept the base prompt: none of the other ${scored.length - 1} candidates scored above its ${baseScore.toFixed(3)}`]
      : best.candidate.adjustments.map(describeAdjustment),
    changes: best.candidate.adjustments,
    candidates_considered: scored.length,
    top: ranked.slice(0, 3).map((s) => ({ prompt: s.candidate.prompt, score: s.score })),
    metadata: styleMode === undefined ? {} : { style_mode: styleMode },
  };
}

interface ScoredCandidate {
  readonly candidate: PromptCandidate;
  readonly score: number;
}

/** Best score first; among equals the one with fewer edits, then the earlier one (the sort is stable). */
function rank(scored: readonly ScoredCandidate[]): ScoredCandidate[] {
  return [...scored].sort((a, b) => b.score - a.score || a.candidate.adjustments.length - b.candidate.adjustments.length);
}

async function scoreAll(score: PromptBatchScorer, candidates: readonly PromptCandidate[], spec: AttributeSpec): Promise<ScoredCandidate[]> {
  if (candidates.length === 0) return [];
  const values = await score(candidates.map((c) => c.prompt), spec);
  if (values.length !== candidates.length) throw new RangeError(`the prompt scorer returned ${values.length} scores for ${candidates.length} prompts`);
  return candidates.map((candidate, i) => {
    const value = values[i]!;
    if (!Number.isFinite(value)) throw new RangeError(`the prompt scorer returned ${value} for "${candidate.prompt}"`);
    return { candidate, score: value };
  });
}
