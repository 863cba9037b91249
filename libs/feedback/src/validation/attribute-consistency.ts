import { ATTRIBUTE_NAMES, type AttributeName, type AttributeSpec } from '#contracts';
import { normaliseAttributeValue } from '../selection/attribute-vocabulary';

/**
 * How much each attribute counts towards consistency: the garment and its cut define the design
 * (3), colour and overall style are what a viewer notices next (2), the details least (1).
 */
export const CONSISTENCY_WEIGHTS: Readonly<Record<AttributeName, number>> = {
  garment_type: 3,
  silhouette: 3,
  color_primary: 2,
  style_overall: 2,
  neckline: 1,
  sleeve_length: 1,
  length: 1,
  finish: 1,
  mood: 1,
};

export interface AttributeMismatch {
  attribute: AttributeName;
  target: string;
  /** null when the generated asset has no value for it. */
  generated: string | null;
}

export interface Consistency {
  /** Weighted share, in [0, 1], of the target's specified attributes that the asset matches; 1 when the target specifies none. */
  score: number;
  mismatches: AttributeMismatch[];
}

/** Agreement of a generated asset with its target over the attributes the target sets (case and spaces ignored). */
export function consistencyScore(target: AttributeSpec, generated: AttributeSpec): Consistency {
  let total = 0;
  let agreed = 0;
  const mismatches: AttributeMismatch[] = [];
  for (const attribute of ATTRIBUTE_NAMES) {
    const wanted = normaliseAttributeValue(target[attribute]);
    if (wanted === null) continue;
    const weight = CONSISTENCY_WEIGHTS[attribute];
    total += weight;
    if (normaliseAttributeValue(generated[attribute]) === wanted) agreed += weight;
    else mismatches.push({ attribute, target: target[attribute]!.trim(), generated: generated[attribute]?.trim() || null });
  }
  return { score: total === 0 ? 1 : agreed / total, mismatches };
}

/** e.g. 'silhouette is A-line, target mermaid'. */
export function describeMismatch({ attribute, target, generated }: AttributeMismatch): string {
  return generated === null ? `${attribute} is missing, target ${target}` : `${attribute} is ${generated}, target ${target}`;
}
