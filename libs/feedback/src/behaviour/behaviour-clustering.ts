import { SeededRandom } from '#ml';
import { kMeans, nearestCentroid, type DenseMatrix } from '../style';
import { BEHAVIOUR_FEATURES, checkBehaviourCounts, type BehaviourCounts, type BehaviourRow } from './behaviour-row';
import { BehaviourScaler, type BehaviourScalerState } from './behaviour-scaler';
import { describeSegment, ratiosToAverage, segmentLabel } from './segment-description';
import { silhouetteScore } from './silhouette';

export interface BehaviourClusteringOptions {
  /** Default 2. */
  minK?: number;
  /** Default 8. */
  maxK?: number;
  /** k-means++ starts per k; the lowest inertia wins. Default 5. */
  restarts?: number;
  /** Rows the silhouette is measured on (it costs the square of this). Default 1000. */
  silhouetteSample?: number;
  seed?: number;
}

export interface BehaviourSegment {
  /** Segments are numbered by size, largest first. */
  id: number;
  label: string;
  /** E.g. "frequent buyers: purchases 3.1× average, logins 1.8×". */
  description: string;
  size: number;
  /** Share of the users, 0-1. */
  share: number;
  /** Mean counts of the segment's users, in original units. */
  centroid: BehaviourCounts;
  /** Segment mean over overall mean, per count. */
  ratios: BehaviourCounts;
}

export interface BehaviourClusteringState {
  features: string[];
  scaler: BehaviourScalerState;
  /** k-means centroids in the scaled (log1p, standardised) space, by segment id. */
  centroids: number[][];
  segments: BehaviourSegment[];
  /** How k was chosen: the largest mean silhouette on a seeded sample (ties to the smaller k). */
  criterion: 'silhouette';
  silhouetteByK: Record<string, number>;
  /** Mean counts over all users, in original units. */
  overallMean: BehaviourCounts;
}

export interface BehaviourAssignment {
  segment_id: number;
  label: string;
  /** Euclidean distance to the segment's centroid in the scaled space. */
  distance: number;
}

/**
 * User behaviour segments (seed 002): counts → log1p → standardised → k-means (k-means++, several
 * seeded starts) for each k in [minK, maxK]; k is the one with the best mean silhouette.
 */
export class BehaviourClustering {
  private readonly scaler: BehaviourScaler;
  private readonly centroids: DenseMatrix;

  private constructor(private readonly snapshot: BehaviourClusteringState) {
    this.scaler = BehaviourScaler.fromState(snapshot.scaler);
    const d = BEHAVIOUR_FEATURES.length;
    this.centroids = { rows: snapshot.centroids.length, cols: d, values: Float64Array.from(snapshot.centroids.flat()) };
  }

  static fit(rows: readonly BehaviourRow[], options: BehaviourClusteringOptions = {}): BehaviourClustering {
    if (rows.length < 3) throw new RangeError(`BehaviourClustering.fit: ${rows.length} users; segments need at least 3`);
    rows.forEach((row) => checkBehaviourCounts(row, 'BehaviourClustering.fit'));
    const minK = options.minK ?? 2;
    const seed = options.seed ?? 42;
    if (!(Number.isInteger(minK) && minK >= 2)) throw new RangeError(`BehaviourClustering.fit: minK must be an integer ≥ 2 (a silhouette needs two clusters), got ${minK}`);

    const scaler = BehaviourScaler.fit(rows);
    const d = BEHAVIOUR_FEATURES.length;
    const values = new Float64Array(rows.length * d);
    rows.forEach((row, i) => scaler.transform(row, values, i * d));
    const data: DenseMatrix = { rows: rows.length, cols: d, values };
    const distinct = new Set(rows.map((r) => BEHAVIOUR_FEATURES.map((f) => r[f]).join(','))).size;
    if (distinct < 2) throw new RangeError('BehaviourClustering.fit: every user has the same counts; there is nothing to segment');
    const maxK = Math.min(options.maxK ?? 8, distinct, rows.length - 1);
    if (maxK < minK) throw new RangeError(`BehaviourClustering.fit: ${rows.length} users (${distinct} distinct) allow at most k = ${maxK}, below minK ${minK}`);

    const random = new SeededRandom(seed);
    const sample = random.sample(rows.length, options.silhouetteSample ?? 1000);
    const silhouetteByK: Record<string, number> = {};
    let best: { labels: Int32Array; centroids: DenseMatrix; silhouette: number } | null = null;
    for (let k = minK; k <= maxK; k++) {
      const result = kMeans(data, { k, seed: (seed + Math.imul(k, 0x9e3779b1)) >>> 0, restarts: options.restarts ?? 5 });
      const silhouette = silhouetteScore(data, result.labels, sample);
      silhouetteByK[String(k)] = silhouette;
      if (best === null || silhouette > best.silhouette) best = { labels: result.labels, centroids: result.centroids, silhouette };
    }
    return new BehaviourClustering(describe(rows, best!.labels, best!.centroids, scaler, silhouetteByK));
  }

  static fromState(state: BehaviourClusteringState): BehaviourClustering {
    if (state.centroids.length === 0 || state.centroids.length !== state.segments.length) {
      throw new RangeError('BehaviourClustering.fromState: need one centroid per segment, and at least one');
    }
    if (state.centroids.some((c) => c.length !== BEHAVIOUR_FEATURES.length)) {
      throw new RangeError(`BehaviourClustering.fromState: every centroid needs ${BEHAVIOUR_FEATURES.length} values`);
    }
    return new BehaviourClustering(structuredClone(state));
  }

  get k(): number {
    return this.snapshot.segments.length;
  }

  get segments(): BehaviourSegment[] {
    return structuredClone(this.snapshot.segments);
  }

  get silhouetteByK(): Record<string, number> {
    return { ...this.snapshot.silhouetteByK };
  }

  /** The segment of a user (new or known) from their counts. */
  assign(row: BehaviourCounts): BehaviourAssignment {
    checkBehaviourCounts(row, 'BehaviourClustering.assign');
    const { index, squaredDistance } = nearestCentroid(this.centroids, this.scaler.transform(row));
    return { segment_id: index, label: this.snapshot.segments[index]!.label, distance: Math.sqrt(squaredDistance) };
  }

  state(): BehaviourClusteringState {
    return structuredClone(this.snapshot);
  }
}

/** Segments numbered by size (largest first), with centroids and ratios in original units. */
function describe(
  rows: readonly BehaviourRow[],
  labels: Int32Array,
  centroids: DenseMatrix,
  scaler: BehaviourScaler,
  silhouetteByK: Record<string, number>,
): BehaviourClusteringState {
  const meanOf = (members: readonly BehaviourRow[]): BehaviourCounts => {
    const mean = {} as BehaviourCounts;
    for (const f of BEHAVIOUR_FEATURES) mean[f] = members.reduce((s, r) => s + r[f], 0) / Math.max(1, members.length);
    return mean;
  };
  const overallMean = meanOf(rows);
  const d = centroids.cols;
  const clusters = Array.from({ length: centroids.rows }, (_, c) => ({
    members: rows.filter((_, i) => labels[i] === c),
    centroid: Array.from(centroids.values.subarray(c * d, (c + 1) * d)),
  }))
    .filter((cluster) => cluster.members.length > 0)
    .sort((a, b) => b.members.length - a.members.length);
  const segments = clusters.map((cluster, id): BehaviourSegment => {
    const centroid = meanOf(cluster.members);
    const ratios = ratiosToAverage(centroid, overallMean);
    return { id, label: segmentLabel(ratios), description: describeSegment(ratios), size: cluster.members.length, share: cluster.members.length / rows.length, centroid, ratios };
  });
  return {
    features: [...BEHAVIOUR_FEATURES],
    scaler: scaler.state(),
    centroids: clusters.map((c) => c.centroid),
    segments,
    criterion: 'silhouette',
    silhouetteByK,
    overallMean,
  };
}
