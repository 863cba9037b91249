/** Mean of 1 − cos over all pairs (a zero vector counts as orthogonal to everything); 0 for fewer than two vectors. */
export function meanPairwiseCosineDistance(vectors: readonly (readonly number[])[]): number {
  const norms = vectors.map((v) => Math.hypot(...v));
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < vectors.length; i++) {
    for (let j = i + 1; j < vectors.length; j++) {
      const a = vectors[i]!;
      const b = vectors[j]!;
      let dot = 0;
      for (let f = 0; f < a.length; f++) dot += a[f]! * b[f]!;
      const scale = norms[i]! * norms[j]!;
      total += 1 - (scale === 0 ? 0 : dot / scale);
      pairs++;
    }
  }
  return pairs === 0 ? 0 : total / pairs;
}
