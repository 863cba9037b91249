import { phraseKey } from './prompt-phrases';
import { BASE_TEMPLATE, GARMENT_MODIFIERS, STYLE_TEMPLATES } from './prompt-templates';

/**
 * What a phrase does in a prompt. `description` is everything not recognised as styling: the
 * garment and its attributes, which variations keep as they are.
 */
export type PhraseRole = 'quality' | 'description' | 'lighting' | 'framing' | 'detail' | 'background' | 'finishing';

/** Prompt order of the roles, after the template order of the synthetic prompts. */
export const ROLE_ORDER: Readonly<Record<PhraseRole, number>> = {
  quality: 0,
  description: 1,
  lighting: 2,
  framing: 3,
  detail: 4,
  background: 5,
  finishing: 6,
};

const styles = Object.values(STYLE_TEMPLATES);
const garments = Object.values(GARMENT_MODIFIERS);

const SHOT_KEYS: ReadonlySet<string> = new Set(garments.flatMap((g) => g.shots).map(phraseKey));
const POSE_KEYS: ReadonlySet<string> = new Set(styles.flatMap((s) => s.composition).map(phraseKey));

const KNOWN_ROLES: ReadonlyMap<string, PhraseRole> = new Map(
  (
    [
      ['quality', BASE_TEMPLATE.quality],
      ['lighting', [...BASE_TEMPLATE.lighting, ...styles.flatMap((s) => s.lighting)]],
      ['framing', [...BASE_TEMPLATE.composition, ...POSE_KEYS, ...SHOT_KEYS]],
      ['detail', garments.flatMap((g) => g.details)],
      ['background', BASE_TEMPLATE.background],
      ['finishing', BASE_TEMPLATE.finishing],
    ] as const
  ).flatMap(([role, phrases]) => phrases.map((p): [string, PhraseRole] => [phraseKey(p), role])),
);

// Phrases from outside the templates (a user's own prompt, history) recognised by their nouns.
const ROLE_KEYWORDS: ReadonlyArray<readonly [RegExp, PhraseRole]> = [
  [/\b(lighting|light|lit|shadows?)\b/, 'lighting'],
  [/\b(background|backdrop)\b/, 'background'],
  [/\b(photography|photograph|resolution|quality)\b/, 'quality'],
];

export function phraseRole(phrase: string): PhraseRole {
  const key = phraseKey(phrase);
  const known = KNOWN_ROLES.get(key);
  if (known) return known;
  for (const [pattern, role] of ROLE_KEYWORDS) if (pattern.test(key)) return role;
  return 'description';
}

/** Whether the phrase frames the garment (full body, waist up, ...) rather than posing the model. */
export function isShot(phrase: string): boolean {
  return SHOT_KEYS.has(phraseKey(phrase));
}

/** Whether the phrase is one of the style templates' poses (poised stance, candid pose, ...). */
export function isPose(phrase: string): boolean {
  return POSE_KEYS.has(phraseKey(phrase));
}

/** Whether the phrase comes from the template system, whose phrases are neutral towards any spec. */
export function isTemplatePhrase(phrase: string): boolean {
  return KNOWN_ROLES.has(phraseKey(phrase));
}
