import type { DenseMatrix } from '../style';

/**
 * Mean silhouette (Rousseeuw, 1987) of the rows in `sample`, measured among those rows only, as
 * scikit-learn's silhouette_score does with sample_size: for each row, a = mean distance to its
 * own cluster, b = mean distance to the nearest other cluster, s = (b - a) / max(a, b); a row
 * alone in its cluster scores 0. In [-1, 1], higher is better separated.
 */
export function silhouetteScore(data: DenseMatrix, labels: ArrayLike<number>, sample: readonly number[]): number {
  const k = Math.max(...sample.map((i) => labels[i]!)) + 1;
  const d = data.cols;
  const sums = new Float64Array(k);
  const sizes = new Int32Array(k);
  for (const i of sample) sizes[labels[i]!]!++;
  let total = 0;
  for (const i of sample) {
    sums.fill(0);
    for (const j of sample) {
      if (i === j) continue;
      let squared = 0;
      for (let f = 0; f < d; f++) {
        const diff = data.values[i * d + f]! - data.values[j * d + f]!;
        squared += diff * diff;
      }
      sums[labels[j]!]! += Math.sqrt(squared);
    }
    const own = labels[i]!;
    if (sizes[own]! <= 1) continue;
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    if (b === Infinity) continue;
    const spread = Math.max(a, b);
    total += spread > 0 ? (b - a) / spread : 0;
  }
  return total / sample.length;
}
