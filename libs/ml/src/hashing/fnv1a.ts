/**
 * FNV-1a, 32 bits, of a string's UTF-16 code units: fast and stable across processes and versions,
 * so features hashed with it keep their columns in saved models.
 */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
