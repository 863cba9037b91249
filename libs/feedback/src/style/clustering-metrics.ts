/**
 * Adjusted Rand index (Hubert & Arabie, 1985) between two labelings of the same items: 1 for the
 * same partition up to renaming, about 0 for independent ones (it can go negative). Two
 * labelings that each put everything in one cluster count as identical (1).
 */
export function adjustedRandIndex(labelsA: ArrayLike<number | string>, labelsB: ArrayLike<number | string>): number {
  const n = labelsA.length;
  if (n !== labelsB.length) throw new RangeError(`adjustedRandIndex: ${n} labels against ${labelsB.length}`);
  if (n === 0) throw new RangeError('adjustedRandIndex: no labels');
  const pairs = (count: number) => (count * (count - 1)) / 2;
  const joint = new Map<string, number>();
  const rowTotals = new Map<number | string, number>();
  const columnTotals = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    const a = labelsA[i]!;
    const b = labelsB[i]!;
    const key = JSON.stringify([a, b]);
    joint.set(key, (joint.get(key) ?? 0) + 1);
    rowTotals.set(a, (rowTotals.get(a) ?? 0) + 1);
    columnTotals.set(b, (columnTotals.get(b) ?? 0) + 1);
  }
  let index = 0;
  for (const count of joint.values()) index += pairs(count);
  let rowPairs = 0;
  for (const count of rowTotals.values()) rowPairs += pairs(count);
  let columnPairs = 0;
  for (const count of columnTotals.values()) columnPairs += pairs(count);
  if (n === 1) return 1;
  const expected = (rowPairs * columnPairs) / pairs(n);
  const maximum = (rowPairs + columnPairs) / 2;
  if (maximum === expected) return 1;
  return (index - expected) / (maximum - expected);
}
