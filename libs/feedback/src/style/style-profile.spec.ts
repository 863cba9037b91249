import { ATTRIBUTE_NAMES } from '#contracts';
import { describe, expect, it } from 'vitest';
import { FASHION_VALUES } from '#generator';
import { adjustedRandIndex } from './clustering-metrics';
import { plantedStyleRecords, type PlantedStyleRecords } from './planted-style-records.testing';
import { assignToMode, createStyleProfile, styleModeHint, updateStyleProfile, type StyleProfile } from './style-profile';

function modesOf(profile: StyleProfile, planted: PlantedStyleRecords): number[] {
  return planted.records.map((record) => assignToMode(profile, record).cluster_id);
}

/** The planted mode most of a cluster's records came from. */
function plantedModeOf(clusterId: number, found: number[], planted: PlantedStyleRecords): number {
  const votes = new Map<number, number>();
  found.forEach((c, i) => c === clusterId && votes.set(planted.labels[i]!, (votes.get(planted.labels[i]!) ?? 0) + 1));
  return [...votes].sort((a, b) => b[1] - a[1])[0]![0];
}

describe.each([
  { modes: 4, seed: 21 },
  { modes: 5, seed: 22 },
])('createStyleProfile on a portfolio with $modes planted style modes', ({ modes, seed }) => {
  const planted = plantedStyleRecords({ values: FASHION_VALUES, modes, recordsPerMode: 50, fidelity: 0.8, seed });
  const profile = createStyleProfile('designer-1', planted.records, { seed: 7 });
  const found = modesOf(profile, planted);

  it('picks the planted number of modes by BIC and recovers them (ARI ≥ 0.8)', () => {
    expect(Object.keys(profile.bic)).toEqual(['3', '4', '5', '6', '7']);
    expect(profile.n_clusters).toBe(modes);
    expect(adjustedRandIndex(planted.labels, found)).toBeGreaterThanOrEqual(0.8);
  });

  it("describes each mode by its planted preferences, in the seed's summary form", () => {
    for (const cluster of profile.clusters) {
      const preference = planted.preferences[plantedModeOf(cluster.id, found, planted)]!;
      for (const attribute of ['style_overall', 'silhouette', 'color_primary'] as const) {
        expect(cluster.dominant_attributes[attribute]![0]).toBe(preference[attribute]);
      }
      expect(cluster.style_summary).toBe(`${preference.style_overall}, ${preference.silhouette} silhouette, ${preference.color_primary} tones`);
      expect(cluster.size).toBeGreaterThan(0);
    }
    expect(profile.clusters.reduce((s, c) => s + c.size, 0)).toBe(planted.records.length);
    expect(profile.clusters.reduce((s, c) => s + c.percentage, 0)).toBeCloseTo(100, 0);
  });

  it('counts garments, colours and styles over the whole portfolio', () => {
    const { statistics } = profile;
    expect(statistics.total_records).toBe(modes * 50);
    const dresses = planted.records.filter((r) => r.garment_type === 'dress').length;
    expect(statistics.garment_distribution['dress'] ?? 0).toBe(dresses);
    const styleCounts = Object.values(statistics.style_distribution);
    expect(styleCounts).toEqual([...styleCounts].sort((a, b) => b - a));
  });
});

describe('style profile lifecycle', () => {
  const planted = plantedStyleRecords({ values: FASHION_VALUES, modes: 4, recordsPerMode: 50, fidelity: 0.8, seed: 21 });
  const profile = createStyleProfile('designer-1', planted.records, { seed: 7 });
  // Same seed, so the same four preferences; 60 fresh designs, all in mode 2.
  const fresh = plantedStyleRecords({ values: FASHION_VALUES, modes: 4, recordsPerMode: [0, 0, 60, 0], fidelity: 0.8, seed: 21 });
  const target = assignToMode(profile, fresh.preferences[2]!).cluster_id;

  it('is deterministic for a seed and plain JSON', () => {
    expect(createStyleProfile('designer-1', planted.records, { seed: 7 })).toEqual(profile);
    expect(JSON.parse(JSON.stringify(profile))).toEqual(profile);
  });

  it('assigns the same modes from a JSON round trip of the profile', () => {
    const copy = JSON.parse(JSON.stringify(profile)) as StyleProfile;
    expect(modesOf(copy, planted)).toEqual(modesOf(profile, planted));
    const assignment = assignToMode(copy, fresh.preferences[2]!);
    expect(assignment.cluster_id).toBe(target);
    expect(assignment.probability).toBeGreaterThan(0.95);
    expect(assignment.probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 9);
  });

  it('updates online: the mode that received the new designs grows, nothing is refitted', () => {
    const updated = updateStyleProfile(profile, fresh.records);
    const before = profile.model_state.mixture;
    const after = updated.model_state.mixture;
    expect(updated.updates).toBe(1);
    expect(after.updates).toBe(1);
    expect(updated.n_clusters).toBe(profile.n_clusters);
    expect(after.weights).toHaveLength(before.weights.length);
    expect(updated.model_state.space).toEqual(profile.model_state.space);
    expect(after.weights[target]!).toBeGreaterThan(before.weights[target]! + 0.1);
    expect(after.means[target]).not.toEqual(before.means[target]);
    const grown = updated.clusters[target]!;
    expect(grown.size).toBeGreaterThanOrEqual(profile.clusters[target]!.size + 55);
    expect(grown.percentage).toBeGreaterThan(profile.clusters[target]!.percentage);
    expect(updated.statistics.total_records).toBe(260);
    expect(updated.clusters.reduce((s, c) => s + c.size, 0)).toBe(260);
  });

  it('counts values unseen at creation in the statistics, and the mixture ignores them', () => {
    const odd = { ...fresh.preferences[2]!, color_primary: 'chartreuse' };
    const updated = updateStyleProfile(profile, [odd]);
    expect(updated.statistics.color_distribution['chartreuse']).toBe(1);
    expect(updated.clusters[target]!.attribute_counts.color_primary!['chartreuse']).toBe(1);
    expect(assignToMode(updated, odd).cluster_id).toBe(target);
  });

  it('caps the number of modes on a tiny portfolio and says so', () => {
    const tiny = createStyleProfile('designer-2', planted.records.slice(0, 12), { seed: 7 });
    expect(tiny.n_clusters).toBe(2);
    expect(tiny.selection_note).toMatch(/tried k 2\.\.2 instead of 3\.\.7/);
    expect(createStyleProfile('designer-3', planted.records.slice(0, 1)).n_clusters).toBe(1);
  });

  it('rejects empty input with a clear message', () => {
    expect(() => createStyleProfile('designer-1', [])).toThrow(/no records for user designer-1/);
    expect(() => createStyleProfile('', planted.records)).toThrow(RangeError);
    expect(() => updateStyleProfile(profile, [])).toThrow(/no new records/);
    const blank = Object.fromEntries(ATTRIBUTE_NAMES.map((a) => [a, null]));
    expect(() => createStyleProfile('designer-1', [blank, blank])).toThrow(/every attribute of every record is null/);
  });
});

describe('styleModeHint', () => {
  it('turns dominant counts into shares of the mode', () => {
    const hint = styleModeHint({
      id: 0,
      size: 20,
      percentage: 50,
      dominant_attributes: { silhouette: ['A-line', 15], color_primary: ['black', 18] },
      style_summary: 'A-line silhouette, black tones',
      attribute_counts: {},
    });
    expect(hint).toEqual({ style_summary: 'A-line silhouette, black tones', dominant_attributes: { silhouette: ['A-line', 0.75], color_primary: ['black', 0.9] } });
  });
});
