import type { AttributeName, AttributeSpec } from '#contracts';
import type { Random } from './random';



interface GarmentRule {
  readonly silhouettes: readonly string[];
  /** null: the attribute does not apply to this garment. */
  readonly necklines: readonly string[] | null;
  readonly sleeves: readonly string[] | null;
  readonly lengths: readonly string[];
  /** How the garment is usually shot (from the design seed's garment modifiers). */
  readonly shots: readonly string[];
}

const ALL_NECKLINES = ['V-neck', 'crew', 'square', 'scoop', 'halter', 'off-shoulder', 'turtleneck', 'cowl'];
const ALL_SLEEVES = ['sleeveless', 'cap', 'short', 'three-quarter', 'long'];

export const GARMENT_RULES: Readonly<Record<string, GarmentRule>> = {
  dress: { silhouettes: ['A-line', 'sheath', 'wrap', 'fit-and-flare', 'slip'], necklines: ALL_NECKLINES, sleeves: ALL_SLEEVES, lengths: ['mini', 'knee', 'midi', 'maxi'], shots: ['full body', 'emphasis on drape and movement'] },
  top: { silhouettes: ['wrap', 'straight', 'oversized', 'tailored', 'relaxed'], necklines: ALL_NECKLINES, sleeves: ALL_SLEEVES, lengths: ['cropped', 'hip', 'longline'], shots: ['3/4 body', 'waist up'] },
  skirt: { silhouettes: ['A-line', 'straight', 'wrap', 'slip'], necklines: null, sleeves: null, lengths: ['mini', 'knee', 'midi', 'maxi'], shots: ['full body', 'emphasis on fabric flow'] },
  pants: { silhouettes: ['straight', 'wide-leg', 'tailored', 'relaxed'], necklines: null, sleeves: null, lengths: ['cropped', 'ankle', 'full-length'], shots: ['full body', 'emphasis on lower half'] },
  jumpsuit: { silhouettes: ['wide-leg', 'tailored', 'relaxed', 'wrap'], necklines: ['V-neck', 'square', 'halter', 'off-shoulder'], sleeves: ['sleeveless', 'short', 'long'], lengths: ['cropped', 'ankle', 'full-length'], shots: ['full body'] },
  jacket: { silhouettes: ['tailored', 'oversized', 'straight', 'relaxed'], necklines: ['V-neck', 'crew', 'turtleneck'], sleeves: ['short', 'three-quarter', 'long'], lengths: ['cropped', 'hip', 'longline'], shots: ['3/4 body', 'full body'] },
};

interface StyleTemplate {
  readonly moods: readonly string[];
  readonly lighting: readonly string[];
  readonly composition: readonly string[];
}

/** Style-specific prompt vocabulary, after the design seed's style templates. */
export const STYLE_TEMPLATES: Readonly<Record<string, StyleTemplate>> = {
  elegant: { moods: ['sophisticated', 'refined', 'graceful'], lighting: ['sophisticated studio lighting', 'soft dramatic lighting'], composition: ['poised stance', 'elegant posture'] },
  minimalist: { moods: ['clean', 'understated', 'serene'], lighting: ['even studio lighting', 'bright and clean light'], composition: ['simple pose', 'straight on'] },
  romantic: { moods: ['soft', 'dreamy', 'delicate'], lighting: ['soft natural window light', 'gentle shadows'], composition: ['flowing movement', 'gentle pose'] },
  dramatic: { moods: ['bold', 'striking', 'powerful'], lighting: ['dramatic side lighting', 'deep shadows'], composition: ['dynamic pose', 'confident stance'] },
  casual: { moods: ['relaxed', 'effortless', 'playful'], lighting: ['natural daylight', 'warm golden hour light'], composition: ['candid pose', 'walking shot'] },
  edgy: { moods: ['rebellious', 'sharp', 'cool'], lighting: ['hard flash lighting', 'neon accent light'], composition: ['low angle', 'asymmetric framing'] },
};

export const COLORS: readonly string[] = ['black', 'navy', 'ivory', 'burgundy', 'emerald', 'blush', 'camel', 'charcoal', 'white', 'red'];
export const FINISHES: readonly string[] = ['matte', 'satin', 'sheen', 'metallic', 'textured'];

const QUALITY_PHRASES = ['high fashion photography', 'professional product shot', 'studio quality', 'editorial fashion photograph'];
const BACKGROUNDS = ['clean minimal background', 'soft gray backdrop', 'white seamless background'];

const unique = (lists: ReadonlyArray<readonly string[] | null>): string[] => [...new Set(lists.flatMap((l) => l ?? []))];
const garments = Object.values(GARMENT_RULES);
const styles = Object.values(STYLE_TEMPLATES);

/** Every value each attribute can take. */
export const FASHION_VALUES: Readonly<Record<AttributeName, readonly string[]>> = {
  garment_type: Object.keys(GARMENT_RULES),
  silhouette: unique(garments.map((g) => g.silhouettes)),
  neckline: unique(garments.map((g) => g.necklines)),
  sleeve_length: unique(garments.map((g) => g.sleeves)),
  length: unique(garments.map((g) => g.lengths)),
  color_primary: COLORS,
  finish: FINISHES,
  style_overall: Object.keys(STYLE_TEMPLATES),
  mood: unique(styles.map((s) => s.moods)),
};

/**
 * A random, coherent attribute spec (attributes that do not apply to the garment are null),
 * drawn uniformly so that every value is explored; `extra` holds the shot's lighting and framing.
 */
export function randomAttributeSpec(rng: Random): AttributeSpec {
  const garment = rng.choice(FASHION_VALUES.garment_type);
  const rule = GARMENT_RULES[garment] as GarmentRule;
  const style = rng.choice(FASHION_VALUES.style_overall);
  const template = STYLE_TEMPLATES[style] as StyleTemplate;
  return {
    garment_type: garment,
    silhouette: rng.choice(rule.silhouettes),
    neckline: rule.necklines ? rng.choice(rule.necklines) : null,
    sleeve_length: rule.sleeves ? rng.choice(rule.sleeves) : null,
    length: rng.choice(rule.lengths),
    color_primary: rng.choice(COLORS),
    finish: rng.choice(FINISHES),
    style_overall: style,
    mood: rng.choice(template.moods),
    extra: { lighting: rng.choice(template.lighting), shot: rng.choice(rule.shots) },
  };
}

/**
 * The image prompt built from a spec, in the design seed's template order, e.g.
 * "high fashion photography, sophisticated elegant black matte A-line dress, V-neck, sleeveless,
 * midi length, sophisticated studio lighting, full body, poised stance, clean minimal background".
 */
export function fashionPrompt(spec: AttributeSpec, rng: Random): string {
  const template = STYLE_TEMPLATES[spec.style_overall ?? ''];
  let subject = '';
  for (const word of [spec.mood, spec.style_overall, spec.color_primary, spec.finish, spec.silhouette, spec.garment_type]) {
    if (word !== null) subject = subject === '' ? word : `${subject} ${word}`;
  }
  let prompt = `${rng.choice(QUALITY_PHRASES)}, ${subject}`;
  if (spec.neckline !== null) prompt += spec.neckline.endsWith('neck') ? `, ${spec.neckline}` : `, ${spec.neckline} neckline`;
  if (spec.sleeve_length !== null) prompt += spec.sleeve_length === 'sleeveless' ? ', sleeveless' : `, ${spec.sleeve_length} sleeves`;
  if (spec.length !== null) prompt += spec.length.endsWith('length') ? `, ${spec.length}` : `, ${spec.length} length`;
  if (spec.extra.lighting) prompt += `, ${spec.extra.lighting}`;
  if (spec.extra.shot) prompt += `, ${spec.extra.shot}`;
  if (template) prompt += `, ${rng.choice(template.composition)}`;
  return `${prompt}, ${rng.choice(BACKGROUNDS)}`;
}
