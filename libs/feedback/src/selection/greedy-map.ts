import type { DppKernel } from './dpp-kernel';

export interface GreedyMapResult {
  /** Item indices in the order they were chosen. */
  selected: number[];
  /** log det of L restricted to `selected` (0 for the empty set). */
  logDet: number;
  /** det(L_{Y+j}) / det(L_Y) of each pick: the conditional variance d_j² that chose it. */
  gains: number[];
}

/** Picks whose determinant ratio is at or below this add (numerically) nothing: the item lies in the span of those chosen. */
export const DEFAULT_MIN_GAIN = 1e-10;

/**
 * Fast greedy MAP inference for a DPP (Chen, Zhang & Zhou, 2018, Algorithm 1): repeatedly add the
 * item that multiplies det L_Y the most. Each candidate i keeps c_i, its row of the Cholesky
 * factor of L restricted to Y ∪ {i}, and d_i² = L_ii − ‖c_i‖², which is exactly det(L_{Y+i}) /
 * det(L_Y); adding j extends every c_i by one entry, (L_ji − ⟨c_j, c_i⟩) / d_j. That costs
 * O(N k²) arithmetic plus k kernel rows. Stops before k items when the best ratio is ≤ minGain.
 */
export function greedyMapInference(kernel: DppKernel, k: number, minGain = DEFAULT_MIN_GAIN): GreedyMapResult {
  const n = kernel.size;
  const steps = Math.min(k, n);
  const variance = Float64Array.from(kernel.diagonal());
  const factor = new Float64Array(n * Math.max(steps, 1));
  const chosen = new Uint8Array(n);
  const selected: number[] = [];
  const gains: number[] = [];
  let logDet = 0;
  while (selected.length < steps) {
    let best = -1;
    for (let i = 0; i < n; i++) {
      if (chosen[i] === 0 && (best < 0 || variance[i]! > variance[best]!)) best = i;
    }
    const gain = variance[best]!;
    if (!(gain > minGain)) break;
    const t = selected.length;
    selected.push(best);
    gains.push(gain);
    logDet += Math.log(gain);
    chosen[best] = 1;
    if (selected.length === steps) break;
    const row = kernel.row(best);
    const d = Math.sqrt(gain);
    const bestBase = best * steps;
    for (let i = 0; i < n; i++) {
      if (chosen[i] === 1) continue;
      const base = i * steps;
      let dot = 0;
      for (let s = 0; s < t; s++) dot += factor[bestBase + s]! * factor[base + s]!;
      const e = (row[i]! - dot) / d;
      factor[base + t] = e;
      variance[i] = variance[i]! - e * e;
    }
  }
  return { selected, logDet, gains };
}
