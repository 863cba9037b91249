import { ATTRIBUTE_NAMES, type AttributeName } from '#contracts';
import { type StyleRecord } from './attribute-encoding';
import { addCounts, topValue, type ValueCounts } from './value-counts';

/** Per attribute, how often each value occurs among a cluster's records. */
export type AttributeCounts = Partial<Record<AttributeName, ValueCounts>>;

/** Per attribute, its most frequent value among a cluster's records and that value's count. */
export type DominantAttributes = Partial<Record<AttributeName, [string, number]>>;

export function addAttributeCounts(existing: AttributeCounts, records: readonly StyleRecord[]): AttributeCounts {
  const counts: AttributeCounts = {};
  for (const attribute of ATTRIBUTE_NAMES) {
    const merged = addCounts(existing[attribute], records.map((r) => r[attribute]));
    if (Object.keys(merged).length > 0) counts[attribute] = merged;
  }
  return counts;
}

export function dominantAttributes(counts: AttributeCounts): DominantAttributes {
  const dominant: DominantAttributes = {};
  for (const attribute of ATTRIBUTE_NAMES) {
    const top = topValue(counts[attribute] ?? {});
    if (top) dominant[attribute] = top;
  }
  return dominant;
}

/** A readable line in the design seed's form: "elegant, A-line silhouette, black tones". */
export function styleSummary(dominant: DominantAttributes): string {
  const parts: string[] = [];
  if (dominant.style_overall) parts.push(dominant.style_overall[0]);
  if (dominant.silhouette) parts.push(`${dominant.silhouette[0]} silhouette`);
  if (dominant.color_primary) parts.push(`${dominant.color_primary[0]} tones`);
  if (parts.length === 0 && dominant.garment_type) parts.push(`mostly ${dominant.garment_type[0]}`);
  return parts.length > 0 ? parts.join(', ') : 'no records yet';
}
