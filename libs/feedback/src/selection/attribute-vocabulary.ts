import { ATTRIBUTE_NAMES, type AttributeSpec } from '#contracts';



/** Attribute values compared without case or surrounding spaces: 'A-line' and 'a-line ' are one value. */
export function normaliseAttributeValue(value: string | null): string | null {
  if (value === null) return null;
  const v = value.trim().toLowerCase();
  return v === '' ? null : v;
}

/**
 * The (attribute, value) pairs seen in a set of specs, in first-seen order, for one-hot features:
 * one column per pair, named `attribute=value`. A null attribute (does not apply to the garment)
 * and a value never seen when the vocabulary was built both leave that attribute's columns at 0.
 */
export class AttributeVocabulary {
  readonly featureNames: readonly string[];

  private constructor(private readonly columns: ReadonlyMap<string, number>) {
    this.featureNames = [...columns.keys()];
  }

  static fromSpecs(specs: readonly AttributeSpec[]): AttributeVocabulary {
    const columns = new Map<string, number>();
    for (const spec of specs) {
      for (const attribute of ATTRIBUTE_NAMES) {
        const value = normaliseAttributeValue(spec[attribute]);
        if (value === null) continue;
        const name = `${attribute}=${value}`;
        if (!columns.has(name)) columns.set(name, columns.size);
      }
    }
    return new AttributeVocabulary(columns);
  }

  get size(): number {
    return this.columns.size;
  }

  oneHot(spec: AttributeSpec): number[] {
    const row = new Array<number>(this.columns.size).fill(0);
    for (const attribute of ATTRIBUTE_NAMES) {
      const value = normaliseAttributeValue(spec[attribute]);
      const column = value === null ? undefined : this.columns.get(`${attribute}=${value}`);
      if (column !== undefined) row[column] = 1;
    }
    return row;
  }
}
