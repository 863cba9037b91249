import { ROLE_ORDER, phraseRole } from './phrase-roles';
import { phraseKey } from './prompt-phrases';

/** Where an adjustment comes from: a base-template group, the style or garment templates, or the user's profile. */
export type AdjustmentGroup = 'quality' | 'composition' | 'lighting' | 'background' | 'finishing' | 'style' | 'garment' | 'profile';

interface AdjustmentFields {
  readonly group: AdjustmentGroup;
  /** The phrase added, put in place of `replaced`, or removed. */
  readonly text: string;
  readonly reason: string;
}

/** One edit of a base prompt's phrases, with the reason for it. */
export type PromptAdjustment =
  | (AdjustmentFields & { readonly action: 'added' | 'removed' })
  | (AdjustmentFields & { readonly action: 'replaced'; readonly replaced: string });

export interface PromptCandidate {
  readonly prompt: string;
  /** The edits that turn the base prompt into this one; empty for the base prompt itself. */
  readonly adjustments: readonly PromptAdjustment[];
}

/**
 * Applies the adjustments in order to a base prompt's phrases. An added phrase goes where its role
 * belongs in the prompt (lighting after the description, background near the end...). Adjustments
 * that no longer apply are skipped: adding or substituting a phrase already present, replacing or
 * removing a phrase already gone. `applied` lists the adjustments that took effect.
 */
export function applyAdjustments(
  basePhrases: readonly string[],
  adjustments: readonly PromptAdjustment[],
): { phrases: string[]; applied: PromptAdjustment[] } {
  const phrases = [...basePhrases];
  const applied: PromptAdjustment[] = [];
  const indexOf = (phrase: string): number => {
    const key = phraseKey(phrase);
    return phrases.findIndex((p) => phraseKey(p) === key);
  };
  for (const adjustment of adjustments) {
    const present = indexOf(adjustment.text);
    if (adjustment.action === 'added') {
      if (present >= 0) continue;
      phrases.splice(insertionIndex(phrases, adjustment.text), 0, adjustment.text);
    } else if (adjustment.action === 'replaced') {
      const target = indexOf(adjustment.replaced);
      if (present >= 0 || target < 0) continue;
      phrases[target] = adjustment.text;
    } else {
      if (present < 0) continue;
      phrases.splice(present, 1);
    }
    applied.push(adjustment);
  }
  return { phrases, applied };
}

/** After the last phrase whose role comes no later in a prompt than the new phrase's role. */
function insertionIndex(phrases: readonly string[], text: string): number {
  const rank = ROLE_ORDER[phraseRole(text)];
  for (let i = phrases.length - 1; i >= 0; i--) {
    if (ROLE_ORDER[phraseRole(phrases[i] as string)] <= rank) return i + 1;
  }
  return 0;
}

export function describeAdjustment(adjustment: PromptAdjustment): string {
  switch (adjustment.action) {
    case 'added':
      return `added "${adjustment.text}": ${adjustment.reason}`;
    case 'replaced':
      return `replaced "${adjustment.replaced}" with "${adjustment.text}": ${adjustment.reason}`;
    case 'removed':
      return `removed "${adjustment.text}": ${adjustment.reason}`;
  }
}
