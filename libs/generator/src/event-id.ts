import { fmix32, hashString } from './hash';

const TWO_POW_32 = 4_294_967_296;
const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(x: number): string {
  return (HEX[x >>> 24] as string) + (HEX[(x >>> 16) & 0xff] as string) + (HEX[(x >>> 8) & 0xff] as string) + (HEX[x & 0xff] as string);
}

/** Key shared by all ids of one (seed, stream, counter high word). */
function streamKey(seed: number, streamHash: number, counterHigh: number): number {
  return fmix32((seed >>> 0) ^ fmix32(streamHash ^ Math.imul(counterHigh, 0x27d4eb2f)));
}

/** 128 bits laid out as a UUID (version 8, "custom", RFC 9562) from a stream key and the low counter word. */
function formatId(key: number, streamHash: number, counterLow: number): string {
  // w0 is a bijection of counterLow for a fixed key: ids of one stream never collide below 2^32 events.
  const w0 = fmix32((counterLow ^ key) >>> 0);
  const w1 = fmix32((w0 + 0x6a09e667) ^ key);
  const w2 = fmix32(w1 ^ streamHash ^ 0xbb67ae85);
  const w3 = fmix32((w2 + key) ^ 0x3c6ef372);
  const a = hex32(w1);
  const b = hex32(((w2 & 0xffff0fff) | 0x8000) >>> 0); // version nibble 8
  const c = hex32(((w3 & 0x3fffffff) | 0x80000000) >>> 0); // variant 10xx
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${hex32(w0)}`;
}

/**
 * A deterministic, UUID-shaped event id: the same (seed, stream, counter) always gives the same id,
 * so a replayed generator run yields the same ids and downstream deduplication holds.
 */
export function eventId(seed: number, stream: string, counter: number): string {
  const streamHash = hashString(stream);
  return formatId(streamKey(seed, streamHash, Math.floor(counter / TWO_POW_32) >>> 0), streamHash, counter >>> 0);
}

/** Successive ids of one stream (counter 0, 1, 2, …), with the per-stream hashing done once. */
export class EventIdSequence {
  private readonly streamHash: number;
  private counter = 0;
  private key: number;

  constructor(
    private readonly seed: number,
    stream: string,
  ) {
    this.streamHash = hashString(stream);
    this.key = streamKey(seed, this.streamHash, 0);
  }

  /** How many ids have been handed out. */
  get issued(): number {
    return this.counter;
  }

  next(): string {
    const counter = this.counter++;
    const low = counter >>> 0;
    if (low === 0 && counter > 0) this.key = streamKey(this.seed, this.streamHash, Math.floor(counter / TWO_POW_32) >>> 0);
    return formatId(this.key, this.streamHash, low);
  }
}

/** A short deterministic id with a prefix, e.g. `o-1f3a9c0d72b4` for orders and assets. */
export function shortId(prefix: string, seed: number, stream: string, counter: number): string {
  return shortIdOfStreamHash(prefix, seed, hashString(stream), counter);
}

/** `shortId` with the stream already hashed (`hashString(stream)`), for hot loops over many streams. */
export function shortIdOfStreamHash(prefix: string, seed: number, streamHash: number, counter: number): string {
  const key = streamKey(seed, streamHash, Math.floor(counter / TWO_POW_32) >>> 0);
  const w0 = fmix32(((counter >>> 0) ^ key) >>> 0);
  const w1 = fmix32((w0 + 0x6a09e667) ^ key);
  return `${prefix}-${hex32(w0)}${hex32(w1).slice(0, 4)}`;
}
