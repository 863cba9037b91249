import { distinctRowCount, toDenseMatrix, type MatrixInput } from './dense-matrix';
import { GaussianMixture, type GaussianMixtureOptions } from './gaussian-mixture';

export interface BicSelectionOptions extends Omit<GaussianMixtureOptions, 'k'> {
  /** Default 3. */
  minK?: number;
  /** Default 7. */
  maxK?: number;
  /** A component needs at least this many rows; caps k on small inputs. Default 5. */
  minRowsPerComponent?: number;
}

export interface BicSelection {
  model: GaussianMixture;
  k: number;
  /** BIC of the fitted mixture for each k tried, keyed by k. */
  bicByK: Record<string, number>;
  /** The k range actually tried, after capping to what the data supports. */
  triedK: { min: number; max: number };
  /** Why the tried range differs from the one asked for; null when it does not. */
  note: string | null;
}

/**
 * Fits a mixture for each k in [minK, maxK] and keeps the one with the lowest BIC (ties go to the
 * smaller k). The range is capped at the number of distinct rows and at rows / minRowsPerComponent
 * (never below 1), and the cap is reported in `note`.
 */
export function fitBestByBic(data: MatrixInput, options: BicSelectionOptions): BicSelection {
  const matrix = toDenseMatrix(data, 'fitBestByBic');
  const minK = options.minK ?? 3;
  const maxK = options.maxK ?? 7;
  const perComponent = options.minRowsPerComponent ?? 5;
  if (!(Number.isInteger(minK) && Number.isInteger(maxK) && minK >= 1 && minK <= maxK)) {
    throw new RangeError(`fitBestByBic: need integers 1 ≤ minK ≤ maxK, got minK ${minK}, maxK ${maxK}`);
  }
  if (!(perComponent >= 1)) throw new RangeError(`fitBestByBic: minRowsPerComponent must be ≥ 1, got ${perComponent}`);

  const distinct = distinctRowCount(matrix);
  const supported = Math.max(1, Math.min(distinct, Math.floor(matrix.rows / perComponent)));
  const lowest = Math.min(minK, supported);
  const highest = Math.min(maxK, supported);
  const note =
    highest < maxK
      ? `${matrix.rows} rows (${distinct} distinct) support at most ${supported} components at ${perComponent} rows each: tried k ${lowest}..${highest} instead of ${minK}..${maxK}`
      : null;

  const bicByK: Record<string, number> = {};
  let best: { model: GaussianMixture; bic: number } | null = null;
  for (let k = lowest; k <= highest; k++) {
    const model = GaussianMixture.fit(matrix, { ...options, k, seed: (options.seed + Math.imul(k, 0x9e3779b1)) >>> 0 });
    const bic = model.bic(matrix);
    bicByK[String(k)] = bic;
    if (best === null || bic < best.bic) best = { model, bic };
  }
  return { model: best!.model, k: best!.model.k, bicByK, triedK: { min: lowest, max: highest }, note };
}
