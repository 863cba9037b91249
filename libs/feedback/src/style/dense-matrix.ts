/** Rows stored one after another in one typed array: row i, column j is `values[i * cols + j]`. */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly values: Float64Array;
}

/** What the learners accept: a dense matrix, or rows of equal length (arrays or typed arrays). */
export type MatrixInput = DenseMatrix | ReadonlyArray<ArrayLike<number>>;

export function isDenseMatrix(input: MatrixInput): input is DenseMatrix {
  return !Array.isArray(input) && (input as DenseMatrix).values instanceof Float64Array;
}

/** Copies rows into a dense matrix; a ragged or non-finite input is a RangeError naming the first bad row. */
export function toDenseMatrix(input: MatrixInput, caller: string): DenseMatrix {
  if (isDenseMatrix(input)) return input;
  const rows = input.length;
  if (rows === 0) throw new RangeError(`${caller}: no rows`);
  const cols = input[0]!.length;
  if (cols === 0) throw new RangeError(`${caller}: rows have no columns`);
  const values = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = input[i]!;
    if (row.length !== cols) throw new RangeError(`${caller}: row ${i} has ${row.length} columns, row 0 has ${cols}`);
    for (let j = 0; j < cols; j++) {
      const v = row[j]!;
      if (!Number.isFinite(v)) throw new RangeError(`${caller}: row ${i}, column ${j} is ${v}; every value must be finite`);
      values[i * cols + j] = v;
    }
  }
  return { rows, cols, values };
}

/** A view (no copy) of row i. */
export function rowOf(matrix: DenseMatrix, i: number): Float64Array {
  return matrix.values.subarray(i * matrix.cols, (i + 1) * matrix.cols);
}

/** Per-column mean and (population) variance. */
export function columnMoments(matrix: DenseMatrix): { mean: Float64Array; variance: Float64Array } {
  const { rows, cols, values } = matrix;
  const mean = new Float64Array(cols);
  const variance = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j]! += values[i * cols + j]!;
  for (let j = 0; j < cols; j++) mean[j]! /= rows;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const centred = values[i * cols + j]! - mean[j]!;
      variance[j]! += centred * centred;
    }
  }
  for (let j = 0; j < cols; j++) variance[j]! /= rows;
  return { mean, variance };
}

/** How many rows differ from every other (exact equality). */
export function distinctRowCount(matrix: DenseMatrix): number {
  const seen = new Set<string>();
  for (let i = 0; i < matrix.rows; i++) seen.add(rowOf(matrix, i).join(','));
  return seen.size;
}

export function squaredDistance(a: Float64Array, aOffset: number, b: Float64Array, bOffset: number, length: number): number {
  let sum = 0;
  for (let j = 0; j < length; j++) {
    const diff = a[aOffset + j]! - b[bOffset + j]!;
    sum += diff * diff;
  }
  return sum;
}
