import { ATTRIBUTE_NAMES, type AttributeSpec } from '#contracts';
import { fnv1a32 } from '#ml';

/** Sparse features of one asset: column indices into the hashed space, and their values. */
export interface SparseFeatures {
  indices: Int32Array;
  values: Float64Array;
}

const WORD = /[a-z0-9]+(?:-[a-z0-9]+)*/g;

/**
 * Encodes what the reward model sees of an asset: each attribute of the spec, pairs of garment type
 * with the other attributes (taste is often "this colour, on this garment"), the prompt's words and
 * word pairs, and the asset's quality. Everything but quality is hashed into `2^bits` columns;
 * prompt text is scaled so a long prompt does not outweigh the spec. An optional dense embedding of
 * the prompt follows the hashed columns.
 */
export class FeedbackFeaturizer {
  readonly hashedColumns: number;
  /** Column of (quality − 0.5). */
  readonly qualityColumn: number;
  /** Total columns: hashed, quality, then the embedding. */
  readonly columns: number;

  constructor(
    readonly bits: number,
    readonly embeddingDimensions = 0,
  ) {
    if (!Number.isInteger(bits) || bits < 8 || bits > 24) throw new RangeError(`bits must be an integer within 8–24, got ${bits}`);
    this.hashedColumns = 2 ** bits;
    this.qualityColumn = this.hashedColumns;
    this.columns = this.hashedColumns + 1 + embeddingDimensions;
  }

  encode(prompt: string, spec: AttributeSpec, quality: number | null, embedding?: readonly number[]): SparseFeatures {
    const columns = new Map<number, number>();
    const add = (token: string, value: number) => {
      const column = fnv1a32(token) & (this.hashedColumns - 1);
      columns.set(column, (columns.get(column) ?? 0) + value);
    };
    for (const name of ATTRIBUTE_NAMES) {
      const value = spec[name];
      if (value === null) continue;
      add(`a:${name}=${value.toLowerCase()}`, 1);
      if (name !== 'garment_type' && spec.garment_type !== null) add(`g:${spec.garment_type.toLowerCase()}|${name}=${value.toLowerCase()}`, 0.5);
    }
    for (const [key, value] of Object.entries(spec.extra ?? {})) add(`x:${key}=${value.toLowerCase()}`, 0.5);
    const words = prompt.toLowerCase().match(WORD) ?? [];
    const weight = words.length > 0 ? 1 / Math.sqrt(words.length) : 0;
    for (let i = 0; i < words.length; i++) {
      add(`w:${words[i]}`, weight);
      if (i + 1 < words.length) add(`b:${words[i]} ${words[i + 1]}`, weight);
    }
    columns.set(this.qualityColumn, (quality ?? 0.5) - 0.5);
    if (embedding) {
      if (embedding.length !== this.embeddingDimensions) throw new RangeError(`expected an embedding of ${this.embeddingDimensions} numbers, got ${embedding.length}`);
      embedding.forEach((v, i) => columns.set(this.qualityColumn + 1 + i, v));
    }
    const indices = Int32Array.from(columns.keys());
    return { indices, values: Float64Array.from(indices, (c) => columns.get(c)!) };
  }
}
