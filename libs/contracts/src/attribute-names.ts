import type { AttributeSpec } from './generated/feedback';

/** The named attributes of an AttributeSpec, in schema order: what describes the garment (`extra` holds the rest, e.g. the shot). */
export const ATTRIBUTE_NAMES = ['garment_type', 'silhouette', 'neckline', 'sleeve_length', 'length', 'color_primary', 'finish', 'style_overall', 'mood'] as const satisfies readonly (keyof AttributeSpec)[];

export type AttributeName = (typeof ATTRIBUTE_NAMES)[number];
