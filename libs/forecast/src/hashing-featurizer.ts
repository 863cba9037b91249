import { fnv1a32 } from '#ml';

/**
 * Text to a fixed-size vector without a model: signed feature hashing of tokens (Weinberger et al.
 * 2009), L2-normalised. The fallback for product descriptions when no local embedding model is
 * configured; also how category and region enter the global model.
 */
export function hashedFeatures(tokens: readonly string[], dimensions: number): number[] {
  const out = new Array<number>(dimensions).fill(0);
  for (const token of tokens) {
    const h = fnv1a32(token);
    out[h % dimensions]! += (h >>> 31) === 1 ? -1 : 1;
  }
  const norm = Math.sqrt(out.reduce((s, v) => s + v * v, 0));
  return norm === 0 ? out : out.map((v) => v / norm);
}

/** Lower-cased words of a text, for hashing. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
