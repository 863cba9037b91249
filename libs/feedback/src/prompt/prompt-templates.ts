/**
 * The fashion prompt template system of the design seed, as data: a base template that suits any
 * asset, vocabulary per style and modifiers per garment. Phrases follow the synthetic feedback's
 * vocabulary (libs/generator) so that a reward model trained on it recognises them. Every phrase is
 * written to be neutral towards an attribute spec: no colour, garment, finish or cut is named
 * ("straight on" is a camera angle and "relaxed" a mood, not the silhouettes of those names).
 */

export type TemplateGroup = 'quality' | 'composition' | 'lighting' | 'background' | 'finishing';

export const BASE_TEMPLATE: Readonly<Record<TemplateGroup, readonly string[]>> = {
  quality: ['high fashion photography', 'professional product shot', 'studio quality', 'editorial fashion photograph', '8k resolution'],
  composition: ['full body', '3/4 angle', 'professional fashion model'],
  lighting: ['sophisticated studio lighting', 'subtle shadows'],
  background: ['clean minimal background', 'soft neutral backdrop', 'seamless studio backdrop'],
  finishing: ['centered composition', 'sharp focus', 'detailed texture'],
};

export interface StyleTemplate {
  readonly mood: readonly string[];
  readonly lighting: readonly string[];
  readonly composition: readonly string[];
}

export const STYLE_TEMPLATES: Readonly<Record<string, StyleTemplate>> = {
  elegant: { mood: ['sophisticated', 'refined', 'graceful'], lighting: ['sophisticated studio lighting', 'soft dramatic lighting'], composition: ['poised stance', 'elegant posture'] },
  minimalist: { mood: ['clean', 'understated', 'serene'], lighting: ['even studio lighting', 'bright and clean light'], composition: ['simple pose', 'straight on'] },
  romantic: { mood: ['soft', 'dreamy', 'delicate'], lighting: ['soft natural window light', 'gentle shadows'], composition: ['flowing movement', 'gentle pose'] },
  dramatic: { mood: ['bold', 'striking', 'powerful'], lighting: ['dramatic side lighting', 'deep shadows'], composition: ['dynamic pose', 'confident stance'] },
  casual: { mood: ['relaxed', 'effortless', 'playful'], lighting: ['natural daylight', 'warm golden hour light'], composition: ['candid pose', 'walking shot'] },
  edgy: { mood: ['rebellious', 'sharp', 'cool'], lighting: ['hard flash lighting', 'neon accent light'], composition: ['low angle', 'asymmetric framing'] },
};

export interface GarmentModifier {
  /** How the garment is framed, the preferred framing first. */
  readonly shots: readonly string[];
  readonly details: readonly string[];
}

export const GARMENT_MODIFIERS: Readonly<Record<string, GarmentModifier>> = {
  dress: { shots: ['full body', 'emphasis on drape and movement'], details: ['fabric flow', 'silhouette emphasis'] },
  top: { shots: ['3/4 body', 'waist up'], details: ['neckline detail', 'sleeve construction'] },
  skirt: { shots: ['full body', 'emphasis on fabric flow'], details: ['hemline movement', 'waistband detail'] },
  pants: { shots: ['full body', 'emphasis on lower half'], details: ['fit and tailoring', 'leg line'] },
  jumpsuit: { shots: ['full body'], details: ['waist definition', 'leg line'] },
  jacket: { shots: ['3/4 body', 'full body'], details: ['shoulder structure', 'lapel and closure detail'] },
};

/** The style's vocabulary; undefined for an unknown or missing style (the base template applies). */
export function styleTemplate(style: string | null | undefined): StyleTemplate | undefined {
  return style != null && Object.hasOwn(STYLE_TEMPLATES, style) ? STYLE_TEMPLATES[style] : undefined;
}

/** The garment's modifiers; undefined for an unknown or missing garment (the base template applies). */
export function garmentModifier(garment: string | null | undefined): GarmentModifier | undefined {
  return garment != null && Object.hasOwn(GARMENT_MODIFIERS, garment) ? GARMENT_MODIFIERS[garment] : undefined;
}
