import { ATTRIBUTE_NAMES, type AttributeName } from '#contracts';
import type { DenseMatrix } from './dense-matrix';



/** One design's attributes; an AttributeSpec is one (its `extra` is ignored). Missing means null. */
export type StyleRecord = { readonly [A in AttributeName]?: string | null };

export interface AttributeEncoderState {
  /** Per attribute, the values seen when fitting, in column order. */
  vocabulary: Record<AttributeName, string[]>;
}

export interface EncodedColumn {
  attribute: AttributeName;
  value: string;
}

/**
 * One-hot encoding with a vocabulary learned from records: one column per (attribute, value)
 * seen, grouped by attribute in ATTRIBUTE_NAMES order, values sorted. A null, missing or
 * unseen value leaves all of its attribute's columns at zero.
 */
export class AttributeEncoder {
  readonly width: number;
  private readonly offsets: number[];
  private readonly columnIndex: Array<Map<string, number>>;
  private readonly columnList: EncodedColumn[];

  private constructor(private readonly vocabulary: Record<AttributeName, string[]>) {
    this.offsets = [];
    this.columnIndex = [];
    this.columnList = [];
    for (const attribute of ATTRIBUTE_NAMES) {
      this.offsets.push(this.columnList.length);
      const index = new Map<string, number>();
      for (const value of vocabulary[attribute]) {
        index.set(value, this.columnList.length);
        this.columnList.push({ attribute, value });
      }
      this.columnIndex.push(index);
    }
    this.width = this.columnList.length;
  }

  static fit(records: readonly StyleRecord[]): AttributeEncoder {
    if (records.length === 0) throw new RangeError('AttributeEncoder.fit: no records; the vocabulary is learned from at least one');
    const vocabulary = emptyVocabulary();
    for (const attribute of ATTRIBUTE_NAMES) {
      const seen = new Set<string>();
      for (const record of records) {
        const value = record[attribute];
        if (value !== null && value !== undefined) seen.add(value);
      }
      vocabulary[attribute] = [...seen].sort();
    }
    return new AttributeEncoder(vocabulary);
  }

  static fromState(state: AttributeEncoderState): AttributeEncoder {
    const vocabulary = emptyVocabulary();
    for (const attribute of ATTRIBUTE_NAMES) {
      const values = state.vocabulary[attribute];
      if (!Array.isArray(values)) throw new RangeError(`AttributeEncoder.fromState: the vocabulary has no list for ${attribute}`);
      vocabulary[attribute] = [...values];
    }
    return new AttributeEncoder(vocabulary);
  }

  /** The record's one-hot row, written into `into` at `offset` (a fresh array by default). */
  encode(record: StyleRecord, into = new Float64Array(this.width), offset = 0): Float64Array {
    into.fill(0, offset, offset + this.width);
    ATTRIBUTE_NAMES.forEach((attribute, a) => {
      const value = record[attribute];
      if (value === null || value === undefined) return;
      const column = this.columnIndex[a]!.get(value);
      if (column !== undefined) into[offset + column] = 1;
    });
    return into;
  }

  encodeAll(records: readonly StyleRecord[]): DenseMatrix {
    const values = new Float64Array(records.length * this.width);
    records.forEach((record, i) => this.encode(record, values, i * this.width));
    return { rows: records.length, cols: this.width, values };
  }

  /** Whether the value was seen when fitting (an unseen one encodes as zeros). */
  knows(attribute: AttributeName, value: string): boolean {
    return this.columnIndex[ATTRIBUTE_NAMES.indexOf(attribute)]!.has(value);
  }

  column(index: number): EncodedColumn {
    const column = this.columnList[index];
    if (!column) throw new RangeError(`AttributeEncoder.column: ${index} is outside 0..${this.width - 1}`);
    return { ...column };
  }

  columns(): EncodedColumn[] {
    return this.columnList.map((c) => ({ ...c }));
  }

  /** Columns [start, end) holding the attribute's values. */
  columnRange(attribute: AttributeName): { start: number; end: number } {
    const a = ATTRIBUTE_NAMES.indexOf(attribute);
    return { start: this.offsets[a]!, end: this.offsets[a]! + this.vocabulary[attribute].length };
  }

  /**
   * The most weighted value of each attribute in a row of column weights (a one-hot row, or a
   * mean of them); null where the attribute's columns are all zero or negative.
   */
  decode(row: ArrayLike<number>): Record<AttributeName, string | null> {
    if (row.length !== this.width) throw new RangeError(`AttributeEncoder.decode: row has ${row.length} columns, the vocabulary has ${this.width}`);
    const decoded = {} as Record<AttributeName, string | null>;
    for (const attribute of ATTRIBUTE_NAMES) {
      const { start, end } = this.columnRange(attribute);
      let best = -1;
      for (let c = start; c < end; c++) if (row[c]! > 0 && (best < 0 || row[c]! > row[best]!)) best = c;
      decoded[attribute] = best < 0 ? null : this.columnList[best]!.value;
    }
    return decoded;
  }

  state(): AttributeEncoderState {
    return { vocabulary: structuredClone(this.vocabulary) };
  }
}

function emptyVocabulary(): Record<AttributeName, string[]> {
  return Object.fromEntries(ATTRIBUTE_NAMES.map((a) => [a, [] as string[]])) as Record<AttributeName, string[]>;
}
