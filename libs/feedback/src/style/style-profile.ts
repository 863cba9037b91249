import type { StyleRecord } from './attribute-encoding';
import { addAttributeCounts, dominantAttributes, styleSummary, type AttributeCounts, type DominantAttributes } from './cluster-description';
import { GaussianMixture, type GaussianMixtureState, type PartialFitOptions } from './gaussian-mixture';
import { fitBestByBic } from './mixture-selection';
import { StyleSpace, type StyleSpaceOptions, type StyleSpaceState } from './style-space';
import { addCounts, type ValueCounts } from './value-counts';

export interface StyleProfileOptions extends StyleSpaceOptions {
  seed?: number;
  /** Fewest style modes to consider; default 3. */
  minClusters?: number;
  /** Most style modes to consider; default 7. */
  maxClusters?: number;
  /** Use exactly this many modes instead of choosing by BIC (still capped on small portfolios). */
  clusters?: number;
}

export interface StyleCluster {
  /** The mixture component this cluster is (stable across updates). */
  id: number;
  /** Records assigned to this cluster, each when it arrived (earlier records are not reassigned by updates). */
  size: number;
  percentage: number;
  dominant_attributes: DominantAttributes;
  style_summary: string;
  /** Value counts per attribute among the cluster's records; dominant_attributes is read from them. */
  attribute_counts: AttributeCounts;
}

export interface StyleStatistics {
  garment_distribution: ValueCounts;
  color_distribution: ValueCounts;
  style_distribution: ValueCounts;
  total_records: number;
}

export interface StyleModelState {
  space: StyleSpaceState;
  mixture: GaussianMixtureState;
}

/** A designer's style modes (design seed 004, stage 2); plain JSON throughout. */
export interface StyleProfile {
  user_id: string;
  n_clusters: number;
  clusters: StyleCluster[];
  statistics: StyleStatistics;
  /** BIC per number of clusters tried, keyed by k; lower is better. */
  bic: Record<string, number>;
  /** Set when the portfolio was too small for the asked range of clusters. */
  selection_note: string | null;
  /** Online updates applied since the profile was created. */
  updates: number;
  model_state: StyleModelState;
}

export interface ModeAssignment {
  cluster_id: number;
  /** Posterior probability of that cluster. */
  probability: number;
  /** Posterior probability of every cluster, by id. */
  probabilities: number[];
}

const DEFAULT_SEED = 42;

/**
 * Learns a designer's style modes from a portfolio: one-hot attributes → PCA (90% of the variance
 * by default) → diagonal Gaussian mixture, the number of modes chosen by BIC in [3, 7] (capped
 * on small portfolios, see `selection_note`).
 */
export function createStyleProfile(userId: string, records: readonly StyleRecord[], options: StyleProfileOptions = {}): StyleProfile {
  if (userId === '') throw new RangeError('createStyleProfile: user_id is empty');
  if (records.length === 0) throw new RangeError(`createStyleProfile: no records for user ${userId}; a style profile needs at least one design`);
  const space = StyleSpace.fit(records, options);
  const embedded = space.embed(records);
  const minK = options.clusters ?? options.minClusters ?? 3;
  const maxK = options.clusters ?? options.maxClusters ?? 7;
  const selection = fitBestByBic(embedded, { minK, maxK, seed: options.seed ?? DEFAULT_SEED });
  const labels = selection.model.predictAll(embedded);
  const emptyClusters = Array.from({ length: selection.k }, (_, id) => ({ id, size: 0, attribute_counts: {} }));
  return {
    user_id: userId,
    n_clusters: selection.k,
    clusters: withRecords(emptyClusters, records, labels),
    statistics: addStatistics(undefined, records),
    bic: selection.bicByK,
    selection_note: selection.note,
    updates: 0,
    model_state: { space: space.state(), mixture: selection.model.state() },
  };
}

/**
 * Folds new designs into a profile without refitting: one online EM step on the mixture
 * (`partialFit`), then the new records are assigned and counted. The vocabulary and the PCA stay
 * as they were at creation: a value never seen then is counted in the statistics and in its
 * cluster's attribute counts, but the mixture cannot see it (it encodes as "attribute absent").
 */
export function updateStyleProfile(profile: StyleProfile, newRecords: readonly StyleRecord[], options: PartialFitOptions = {}): StyleProfile {
  if (newRecords.length === 0) throw new RangeError(`updateStyleProfile: no new records for user ${profile.user_id}`);
  const space = StyleSpace.fromState(profile.model_state.space);
  const mixture = GaussianMixture.fromState(profile.model_state.mixture);
  const embedded = space.embed(newRecords);
  mixture.partialFit(embedded, options);
  const labels = mixture.predictAll(embedded);
  return {
    ...profile,
    clusters: withRecords(profile.clusters, newRecords, labels),
    statistics: addStatistics(profile.statistics, newRecords),
    updates: profile.updates + 1,
    model_state: { space: space.state(), mixture: mixture.state() },
  };
}

/**
 * The style mode a design belongs to and how sure the mixture is, e.g. to steer a prompt towards
 * that mode's dominant attributes. Loads the model from the profile on every call.
 */
export function assignToMode(profile: StyleProfile, record: StyleRecord): ModeAssignment {
  const space = StyleSpace.fromState(profile.model_state.space);
  const mixture = GaussianMixture.fromState(profile.model_state.mixture);
  const probabilities = mixture.responsibilities(space.embed([record]).values);
  const clusterId = probabilities.indexOf(Math.max(...probabilities));
  return { cluster_id: clusterId, probability: probabilities[clusterId]!, probabilities };
}

/**
 * A mode as a prompt hint: its summary and, per attribute, the dominant value with its share of the
 * mode's records (0-1) rather than its count — the form the prompt optimiser's StyleProfileHint reads.
 */
export function styleModeHint(cluster: StyleCluster): { style_summary: string; dominant_attributes: Record<string, [string, number]> } {
  const shares: Record<string, [string, number]> = {};
  for (const [attribute, [value, count]] of Object.entries(cluster.dominant_attributes) as Array<[string, [string, number]]>) {
    shares[attribute] = [value, cluster.size > 0 ? count / cluster.size : 0];
  }
  return { style_summary: cluster.style_summary, dominant_attributes: shares };
}

type ClusterCounts = Pick<StyleCluster, 'id' | 'size' | 'attribute_counts'>;

function withRecords(clusters: readonly ClusterCounts[], records: readonly StyleRecord[], labels: Int32Array): StyleCluster[] {
  const counted = clusters.map((cluster) => {
    const mine = records.filter((_, i) => labels[i] === cluster.id);
    return { id: cluster.id, size: cluster.size + mine.length, attribute_counts: addAttributeCounts(cluster.attribute_counts, mine) };
  });
  const total = counted.reduce((s, c) => s + c.size, 0);
  return counted.map((cluster) => {
    const dominant = dominantAttributes(cluster.attribute_counts);
    return {
      id: cluster.id,
      size: cluster.size,
      percentage: total > 0 ? Math.round((1000 * cluster.size) / total) / 10 : 0,
      dominant_attributes: dominant,
      style_summary: styleSummary(dominant),
      attribute_counts: cluster.attribute_counts,
    };
  });
}

function addStatistics(existing: StyleStatistics | undefined, records: readonly StyleRecord[]): StyleStatistics {
  return {
    garment_distribution: addCounts(existing?.garment_distribution, records.map((r) => r.garment_type)),
    color_distribution: addCounts(existing?.color_distribution, records.map((r) => r.color_primary)),
    style_distribution: addCounts(existing?.style_distribution, records.map((r) => r.style_overall)),
    total_records: (existing?.total_records ?? 0) + records.length,
  };
}
