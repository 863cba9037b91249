import { ATTRIBUTE_NAMES, type AttributeName, type AttributeSpec } from '#contracts';
import { normaliseAttributeValue } from './attribute-vocabulary';

export interface AttributeCoverage {
  /** Per attribute: distinct values among the selected / distinct values among the candidates (attributes no candidate sets are left out). */
  by_attribute: Partial<Record<AttributeName, number>>;
  /** Pooled over attributes: all (attribute, value) pairs selected / all pairs among the candidates. */
  overall: number;
}

function distinctValues(specs: readonly AttributeSpec[], attribute: AttributeName): Set<string> {
  const values = new Set<string>();
  for (const spec of specs) {
    const value = normaliseAttributeValue(spec[attribute]);
    if (value !== null) values.add(value);
  }
  return values;
}

/** How much of the candidates' attribute variety the selection keeps; null when no candidate sets any attribute. */
export function attributeCoverage(candidates: readonly AttributeSpec[], selected: readonly AttributeSpec[]): AttributeCoverage | null {
  const byAttribute: Partial<Record<AttributeName, number>> = {};
  let available = 0;
  let covered = 0;
  for (const attribute of ATTRIBUTE_NAMES) {
    const pool = distinctValues(candidates, attribute);
    if (pool.size === 0) continue;
    let hits = 0;
    for (const value of distinctValues(selected, attribute)) if (pool.has(value)) hits++;
    byAttribute[attribute] = hits / pool.size;
    available += pool.size;
    covered += hits;
  }
  return available === 0 ? null : { by_attribute: byAttribute, overall: covered / available };
}
