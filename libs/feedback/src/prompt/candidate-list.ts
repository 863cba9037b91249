import { applyAdjustments, type PromptAdjustment, type PromptCandidate } from './prompt-adjustment';
import { joinPhrases, phraseKey } from './prompt-phrases';

/** Candidates built from one base prompt, each prompt once; the base itself comes first. */
export class CandidateList {
  readonly candidates: PromptCandidate[];
  private readonly seen: Set<string>;

  constructor(private readonly basePhrases: readonly string[]) {
    const base = joinPhrases(basePhrases);
    this.candidates = [{ prompt: base, adjustments: [] }];
    this.seen = new Set([phraseKey(base)]);
  }

  get size(): number {
    return this.candidates.length;
  }

  /** Adds the base with these adjustments applied; undefined when that prompt is already listed. */
  add(adjustments: readonly PromptAdjustment[]): PromptCandidate | undefined {
    const { phrases, applied } = applyAdjustments(this.basePhrases, adjustments);
    const candidate = { prompt: joinPhrases(phrases), adjustments: applied };
    return this.include(candidate) ? candidate : undefined;
  }

  /** Adds a candidate built from the same base; false when its prompt is already listed. */
  include(candidate: PromptCandidate): boolean {
    const key = phraseKey(candidate.prompt);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.candidates.push(candidate);
    return true;
  }
}
