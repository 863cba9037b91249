import type { AttributeSpec } from '#contracts';

/** A dramatic black sheath dress and a prompt for it: the prompt specs' common example. */
export const SPEC: AttributeSpec = {
  garment_type: 'dress',
  silhouette: 'sheath',
  neckline: 'V-neck',
  sleeve_length: 'sleeveless',
  length: 'midi',
  color_primary: 'black',
  finish: 'satin',
  style_overall: 'dramatic',
  mood: 'bold',
  extra: {},
};

export const BASE = 'high fashion photography, bold dramatic black satin sheath dress, V-neck, sleeveless, midi length, studio lighting, full body, clean minimal background';
