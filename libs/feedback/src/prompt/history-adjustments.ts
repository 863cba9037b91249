import { mentionsGarmentAttribute } from './garment-vocabulary';
import { isTemplatePhrase, phraseRole, type PhraseRole } from './phrase-roles';
import type { AdjustmentGroup, PromptAdjustment } from './prompt-adjustment';
import { parsePhrases, phraseKey } from './prompt-phrases';

/** A prompt the user has reacted to. */
export interface PromptHistoryEntry {
  readonly prompt: string;
  readonly liked: boolean;
}

export interface HistoryAdjustments {
  /** Phrases of liked prompts never in a disliked one, most liked first. */
  readonly learned: PromptAdjustment[];
  /** Styling phrases of the base found in disliked prompts and never in a liked one. */
  readonly shunned: PromptAdjustment[];
}

const GROUP_OF_ROLE: Readonly<Record<PhraseRole, AdjustmentGroup>> = {
  quality: 'quality',
  description: 'style',
  lighting: 'lighting',
  framing: 'composition',
  detail: 'garment',
  background: 'background',
  finishing: 'finishing',
};

// A prompt has one light set-up and one backdrop: a learned one takes the place of the base's.
const REPLACING_ROLES: ReadonlySet<PhraseRole> = new Set(['lighting', 'background']);

const MAX_SHUNNED = 2;

/**
 * What the user's reactions say about the phrases of a prompt, kept to plain counting so that it
 * explains itself. Only styling carries over from other assets: a phrase naming a colour, garment,
 * cut or finish described another asset, and the base's description is never removed.
 */
export function historyAdjustments(history: readonly PromptHistoryEntry[], basePhrases: readonly string[], limit: number): HistoryAdjustments {
  const liked = new Map<string, { text: string; count: number }>();
  const disliked = new Map<string, number>();
  for (const entry of history) {
    for (const phrase of parsePhrases(entry.prompt)) {
      const key = phraseKey(phrase);
      if (entry.liked) liked.set(key, { text: liked.get(key)?.text ?? phrase, count: (liked.get(key)?.count ?? 0) + 1 });
      else disliked.set(key, (disliked.get(key) ?? 0) + 1);
    }
  }
  const baseKeys = new Set(basePhrases.map(phraseKey));
  const learned = [...liked]
    .filter(([key, { text }]) => !disliked.has(key) && !baseKeys.has(key) && (isTemplatePhrase(text) || !mentionsGarmentAttribute(text)))
    .sort(([keyA, a], [keyB, b]) => b.count - a.count || (keyA < keyB ? -1 : 1))
    .slice(0, limit)
    .map(([, { text, count }]) => learnedAdjustment(text, `learned from your likes: in ${count} liked prompt${count === 1 ? '' : 's'} and no disliked one`, basePhrases, liked));
  const shunned = basePhrases
    .filter((p) => phraseRole(p) !== 'description' && disliked.has(phraseKey(p)) && !liked.has(phraseKey(p)))
    .map((p) => ({ phrase: p, count: disliked.get(phraseKey(p)) as number }))
    .sort((a, b) => b.count - a.count)
    .slice(0, MAX_SHUNNED)
    .map(({ phrase, count }): PromptAdjustment => {
      const reason = `learned from your dislikes: in ${count} disliked prompt${count === 1 ? '' : 's'} and no liked one`;
      return { group: GROUP_OF_ROLE[phraseRole(phrase)], action: 'removed', text: phrase, reason };
    });
  return { learned, shunned };
}

function learnedAdjustment(text: string, reason: string, basePhrases: readonly string[], liked: ReadonlyMap<string, unknown>): PromptAdjustment {
  const role = phraseRole(text);
  const group = GROUP_OF_ROLE[role];
  const displaced = REPLACING_ROLES.has(role) ? basePhrases.find((p) => phraseRole(p) === role && !liked.has(phraseKey(p))) : undefined;
  return displaced ? { group, action: 'replaced', text, replaced: displaced, reason } : { group, action: 'added', text, reason };
}
