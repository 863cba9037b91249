/**
 * 32-bit integer hashing used to derive seeds and ids. Everything here is a pure function of its
 * inputs, so a value derived from (seed, stream, counter) is the same in every run and process.
 */

import { fnv1a32 } from '#ml';

const TWO_POW_32 = 4_294_967_296;

/** MurmurHash3's finaliser: a bijection on 32-bit integers with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, finalised with fmix32. */
export function hashString(text: string): number {
  return fmix32(fnv1a32(text));
}

/** Folds one integer (any safe integer, including epoch milliseconds) or string into a hash state. */
function fold(state: number, part: number | string): number {
  if (typeof part === 'string') return fmix32((Math.imul(state, 0x9e3779b1) ^ hashString(part)) + 0x7f4a7c15);
  const lo = part >>> 0;
  const hi = Math.floor(part / TWO_POW_32) >>> 0;
  const withLo = fmix32((Math.imul(state, 0x9e3779b1) ^ lo) + 0x7f4a7c15);
  return fmix32((Math.imul(withLo, 0x85ebca77) ^ hi) + 0x165667b1);
}

/**
 * A 32-bit seed for one independent random stream, e.g. `deriveSeed(seed, 'promo', product, block)`.
 * Order matters: (a, b) and (b, a) give different seeds.
 */
export function deriveSeed(seed: number, ...parts: ReadonlyArray<number | string>): number {
  let h = fold(0x6a09e667, seed);
  for (const part of parts) h = fold(h, part);
  return h;
}
