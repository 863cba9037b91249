/**
 * A positive semi-definite DPP kernel L over `size` items, read a row at a time: greedy MAP
 * inference needs only the diagonal and the rows of the items it selects, so a large candidate
 * set never has its whole N×N matrix built.
 */
export interface DppKernel {
  readonly size: number;
  diagonal(): Float64Array;
  row(i: number): Float64Array;
}

/** A kernel held as a full matrix (small instances and tests). */
export function denseKernel(matrix: readonly (readonly number[])[]): DppKernel {
  const size = matrix.length;
  matrix.forEach((r, i) => {
    if (r.length !== size) throw new RangeError(`denseKernel: row ${i} has ${r.length} entries, expected ${size}`);
  });
  return {
    size,
    diagonal: () => Float64Array.from(matrix, (r, i) => r[i]!),
    row: (i) => Float64Array.from(matrix[i]!),
  };
}

export interface QualityDiversityWeights {
  /** Weight of the diversity term, > 0. */
  diversityWeight: number;
  /** Weight of the quality term, ≥ 0. */
  qualityWeight: number;
}

/** Gaussian bandwidth σ² on unit-length features: one of nine attributes differing gives similarity 0.80, nothing shared 0.14. */
const BANDWIDTH_SQUARED = 0.5;

/**
 * L = diag(w) · S · diag(w) with w_i = q_i^(qualityWeight / diversityWeight) and
 * S_ij = exp(−‖x̂_i − x̂_j‖² / (2σ²)), x̂ the feature vectors scaled to unit length (a zero vector
 * stays zero), σ² = 1/2; for non-zero features S_ij = exp(−2 (1 − cos_ij)).
 *
 * Why this form:
 * - S is a Gaussian kernel, so it is PSD for any points and strictly positive definite for
 *   distinct ones. A plain cosine Gram matrix is PSD too, but its rank is capped by the feature
 *   dimension: with 3-dimensional features no 4 items would ever have a non-zero determinant.
 * - The seed raised S elementwise to diversityWeight. A fractional Hadamard power of a PSD
 *   matrix need not be PSD (FitzGerald & Horn, 1977), and on a Gaussian S it only narrows the
 *   bandwidth, making similar items look less alike as the "diversity" weight grows.
 * - Instead the two weights enter as in Chen, Zhang & Zhou (2018): log det L_Y =
 *   (1 / diversityWeight) · (diversityWeight · log det S_Y + qualityWeight · Σ_{i∈Y} 2 log q_i),
 *   so MAP inference trades the two terms off in the stated proportion. Scaling rows and columns
 *   by positive numbers keeps L PSD.
 */
export function qualityDiversityKernel(
  features: readonly (readonly number[])[],
  qualities: readonly number[],
  { diversityWeight, qualityWeight }: QualityDiversityWeights,
): DppKernel {
  const size = features.length;
  if (qualities.length !== size) throw new RangeError(`qualityDiversityKernel: ${qualities.length} qualities for ${size} items`);
  const dimension = features[0]?.length ?? 0;
  const unit = new Float64Array(size * dimension);
  const squaredNorm = new Float64Array(size);
  features.forEach((x, i) => {
    if (x.length !== dimension) throw new RangeError(`qualityDiversityKernel: item ${i} has ${x.length} features, expected ${dimension}`);
    const norm = Math.hypot(...x);
    if (norm === 0) return;
    for (let f = 0; f < dimension; f++) unit[i * dimension + f] = x[f]! / norm;
    squaredNorm[i] = 1;
  });
  const exponent = qualityWeight / diversityWeight;
  const weight = Float64Array.from(qualities, (q) => q ** exponent);
  return {
    size,
    diagonal: () => weight.map((w) => w * w),
    row: (j) => {
      const out = new Float64Array(size);
      const base = j * dimension;
      for (let i = 0; i < size; i++) {
        let dot = 0;
        for (let f = 0, at = i * dimension; f < dimension; f++, at++) dot += unit[at]! * unit[base + f]!;
        const distanceSquared = Math.max(0, squaredNorm[i]! + squaredNorm[j]! - 2 * dot);
        out[i] = weight[j]! * weight[i]! * Math.exp(-distanceSquared / (2 * BANDWIDTH_SQUARED));
      }
      return out;
    },
  };
}
