import type { AttributeSpec } from '#contracts';
import { CandidateList } from './candidate-list';
import type { PromptAdjustment, PromptCandidate } from './prompt-adjustment';
import { parsePhrases } from './prompt-phrases';
import { profileEmphasis, templateStyle, type StyleProfileHint } from './profile-emphasis';
import { templateAdjustments } from './template-adjustments';

export interface VariationOptions {
  /** Most candidates returned, the base prompt included (default 24). */
  readonly max?: number;
}

const DEFAULT_MAX = 24;
const PROFILE_EMPHASES = 4;

/**
 * Distinct, deterministic rewrites of a base prompt. Candidate 0 is the base prompt itself (its
 * phrases trimmed and without repeats). Then single edits, taken in turn from each group so that a
 * small `max` still samples every group: style lighting, the profile's dominant attributes, the
 * garment's framing and details, the style's poses, quality terms, background, base composition,
 * finishing. Then a few combinations of the groups' preferred edits (the style-matched set, a
 * full template, the profile's emphases with and without the style-matched set). The base's
 * description phrases are never edited, and no candidate repeats a phrase.
 */
export function promptVariations(
  basePrompt: string,
  spec: AttributeSpec,
  styleProfileHint?: StyleProfileHint,
  options: VariationOptions = {},
): PromptCandidate[] {
  const max = options.max ?? DEFAULT_MAX;
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, got ${max}`);
  const basePhrases = parsePhrases(basePrompt);
  if (basePhrases.length === 0) throw new RangeError('basePrompt has no phrases to vary');

  const profile = profileEmphasis(spec, styleProfileHint, PROFILE_EMPHASES);
  const lanes = templateAdjustments({
    basePhrases,
    garmentType: spec.garment_type,
    style: templateStyle(spec, styleProfileHint),
    moodOpen: spec.mood === null && styleProfileHint?.dominant_attributes?.['mood'] === undefined,
  });
  const singles = roundRobin([lanes.lighting, profile, lanes.garment, lanes.style, lanes.quality, lanes.background, lanes.composition, lanes.finishing]);

  const styleMatch = preferred([lanes.lighting, lanes.style, lanes.garment]);
  const combinations = [
    styleMatch,
    preferred([lanes.quality, lanes.lighting, lanes.garment.length > 0 ? lanes.garment : lanes.composition, lanes.background, lanes.finishing]),
    ...(profile.length > 0 ? [profile, [...profile, ...styleMatch]] : []),
  ].filter((adjustments) => adjustments.length > 1);

  const variations = new CandidateList(basePhrases);
  let nextSingle = 0;
  const addSingles = (until: number): void => {
    while (nextSingle < singles.length && variations.size < until) variations.add([singles[nextSingle++] as PromptAdjustment]);
  };
  // Combinations take at most half of the places after the base; places they leave go to singles.
  addSingles(max - Math.min(combinations.length, Math.floor((max - 1) / 2)));
  for (const combination of combinations) if (variations.size < max) variations.add(combination);
  addSingles(max);
  return variations.candidates;
}

/** The first of each lane, then the second of each, and so on. */
function roundRobin(lanes: ReadonlyArray<readonly PromptAdjustment[]>): PromptAdjustment[] {
  const out: PromptAdjustment[] = [];
  const longest = Math.max(...lanes.map((lane) => lane.length));
  for (let i = 0; i < longest; i++) for (const lane of lanes) if (i < lane.length) out.push(lane[i] as PromptAdjustment);
  return out;
}

function preferred(lanes: ReadonlyArray<readonly PromptAdjustment[]>): PromptAdjustment[] {
  return lanes.flatMap((lane) => lane.slice(0, 1));
}
