export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  values: Float64Array;
  /** Eigenvector j in column j: `vectors[i * n + j]`; each has unit length and its largest entry positive. */
  vectors: Float64Array;
}

/**
 * Eigendecomposition of a symmetric n × n matrix (row-major) by cyclic Jacobi rotations: each
 * rotation zeroes one off-diagonal pair; sweeps repeat until the off-diagonal mass is negligible.
 * O(n³) per sweep, which is fine for the small covariance matrices here (n up to ~100).
 */
export function symmetricEigen(matrix: ArrayLike<number>, n: number, maxSweeps = 100): SymmetricEigen {
  if (matrix.length !== n * n) throw new RangeError(`symmetricEigen: expected ${n * n} entries for ${n} × ${n}, got ${matrix.length}`);
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;

  let scale = 0;
  for (let i = 0; i < n * n; i++) scale += a[i]! * a[i]!;
  const negligible = scale * 1e-30;

  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let offDiagonal = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) offDiagonal += a[p * n + q]! * a[p * n + q]!;
    if (offDiagonal <= negligible) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        rotate(a, v, n, p, q, apq);
      }
    }
  }

  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y]! - a[x * n + x]!);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((source, target) => {
    values[target] = a[source * n + source]!;
    let largest = 0;
    for (let i = 0; i < n; i++) if (Math.abs(v[i * n + source]!) > Math.abs(largest)) largest = v[i * n + source]!;
    const sign = largest < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) vectors[i * n + target] = sign * v[i * n + source]!;
  });
  return { values, vectors };
}

/** One Jacobi rotation in the (p, q) plane that zeroes a[p][q] (Numerical Recipes' update formulas). */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number, apq: number): void {
  const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
  // Smaller root of t² + 2θt - 1 = 0; for huge θ the square would overflow, and t ≈ 1/(2θ).
  const t = Math.abs(theta) > 1e150 ? 1 / (2 * theta) : Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  a[p * n + p]! -= t * apq;
  a[q * n + q]! += t * apq;
  a[p * n + q] = 0;
  a[q * n + p] = 0;
  for (let r = 0; r < n; r++) {
    if (r !== p && r !== q) {
      const arp = a[r * n + p]!;
      const arq = a[r * n + q]!;
      a[r * n + p] = a[p * n + r] = c * arp - s * arq;
      a[r * n + q] = a[q * n + r] = s * arp + c * arq;
    }
    const vrp = v[r * n + p]!;
    const vrq = v[r * n + q]!;
    v[r * n + p] = c * vrp - s * vrq;
    v[r * n + q] = s * vrp + c * vrq;
  }
}
