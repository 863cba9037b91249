/**
 * Least squares with a ridge penalty per coefficient, solved by Cholesky on the normal equations:
 * minimises |y - Xβ|² + Σ λ_j β_j². Small dense problems (tens of columns) only.
 */
export function ridgeRegression(rows: readonly (readonly number[])[], y: readonly number[], penalties: readonly number[]): number[] {
  const p = penalties.length;
  const a = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const b = new Array<number>(p).fill(0);
  rows.forEach((x, i) => {
    for (let j = 0; j < p; j++) {
      b[j]! += x[j]! * y[i]!;
      for (let k = 0; k <= j; k++) a[j]![k]! += x[j]! * x[k]!;
    }
  });
  for (let j = 0; j < p; j++) {
    a[j]![j]! += penalties[j]! + 1e-9; // the tiny jitter keeps a column of zeros solvable
    for (let k = 0; k < j; k++) a[k]![j] = a[j]![k]!;
  }
  // Cholesky: a = L Lᵀ.
  const l = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    let diagonal = a[j]![j]!;
    for (let k = 0; k < j; k++) diagonal -= l[j]![k]! ** 2;
    if (!(diagonal > 0)) throw new Error(`ridge regression: the system is not positive definite at column ${j}`);
    l[j]![j] = Math.sqrt(diagonal);
    for (let i = j + 1; i < p; i++) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = sum / l[j]![j]!;
    }
  }
  const z = new Array<number>(p).fill(0);
  for (let i = 0; i < p; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i]![k]! * z[k]!;
    z[i] = sum / l[i]![i]!;
  }
  const beta = new Array<number>(p).fill(0);
  for (let i = p - 1; i >= 0; i--) {
    let sum = z[i]!;
    for (let k = i + 1; k < p; k++) sum -= l[k]![i]! * beta[k]!;
    beta[i] = sum / l[i]![i]!;
  }
  return beta;
}
