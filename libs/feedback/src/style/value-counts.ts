/** Value → count, most frequent first (ties by value), as a plain JSON object. */
export type ValueCounts = Record<string, number>;

/**
 * Adds one to `existing` for each value (nulls skipped) and returns a new, re-sorted object.
 * Built through a Map and Object.fromEntries so a value such as "__proto__" stays an ordinary key.
 */
export function addCounts(existing: ValueCounts | undefined, values: Iterable<string | null | undefined>): ValueCounts {
  const counts = new Map<string, number>(Object.entries(existing ?? {}));
  for (const value of values) if (value !== null && value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)));
}

/** The most frequent value and its count; null when nothing was counted. */
export function topValue(counts: ValueCounts): [string, number] | null {
  let top: [string, number] | null = null;
  for (const [value, count] of Object.entries(counts)) {
    if (top === null || count > top[1] || (count === top[1] && value < top[0])) top = [value, count];
  }
  return top;
}
