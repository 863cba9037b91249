/** The attributes that describe the garment itself, as opposed to its mood and style. */
export type GarmentAttribute = 'garment_type' | 'silhouette' | 'neckline' | 'sleeve_length' | 'length' | 'color_primary' | 'finish';

/**
 * The values the attribute specs use (kept equal to the generator's vocabulary by a spec). A
 * phrase naming one of them describes a garment, so it cannot be carried over from another asset.
 */
export const GARMENT_ATTRIBUTE_VALUES: Readonly<Record<GarmentAttribute, readonly string[]>> = {
  garment_type: ['dress', 'top', 'skirt', 'pants', 'jumpsuit', 'jacket'],
  silhouette: ['A-line', 'sheath', 'wrap', 'fit-and-flare', 'slip', 'straight', 'oversized', 'tailored', 'relaxed', 'wide-leg'],
  neckline: ['V-neck', 'crew', 'square', 'scoop', 'halter', 'off-shoulder', 'turtleneck', 'cowl'],
  sleeve_length: ['sleeveless', 'cap', 'short', 'three-quarter', 'long'],
  length: ['mini', 'knee', 'midi', 'maxi', 'cropped', 'hip', 'longline', 'ankle', 'full-length'],
  color_primary: ['black', 'navy', 'ivory', 'burgundy', 'emerald', 'blush', 'camel', 'charcoal', 'white', 'red'],
  finish: ['matte', 'satin', 'sheen', 'metallic', 'textured'],
};

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Whole words only, and a hyphen joins words: "long" is not found in "longline" or "long-sleeve".
const GARMENT_WORD = new RegExp(
  `(?<![\\w-])(?:${Object.values(GARMENT_ATTRIBUTE_VALUES)
    .flat()
    .map(escape)
    .join('|')})(?![\\w-])`,
  'i',
);

export function mentionsGarmentAttribute(phrase: string): boolean {
  return GARMENT_WORD.test(phrase);
}
