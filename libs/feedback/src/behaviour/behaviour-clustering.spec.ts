import { describe, expect, it } from 'vitest';
import { Random } from '#generator';
import { adjustedRandIndex } from '../style';
import { BehaviourClustering } from './behaviour-clustering';
import type { BehaviourCounts, BehaviourRow } from './behaviour-row';

interface PlantedSegment {
  share: number;
  /** Poisson mean of each count over the period. */
  means: BehaviourCounts;
}

const casual: PlantedSegment = { share: 0.5, means: { logins: 4, purchases: 0.3, cart_adds: 1, favourites: 1 } };
const buyers: PlantedSegment = { share: 0.2, means: { logins: 20, purchases: 8, cart_adds: 12, favourites: 5 } };
const wishlisters: PlantedSegment = { share: 0.3, means: { logins: 15, purchases: 0.5, cart_adds: 4, favourites: 25 } };

function population(segments: readonly PlantedSegment[], users: number, seed: number): { rows: BehaviourRow[]; labels: number[] } {
  const random = new Random(seed);
  const rows: BehaviourRow[] = [];
  const labels: number[] = [];
  for (let i = 0; i < users; i++) {
    const s = random.weightedChoice([...segments.keys()], segments.map((p) => p.share));
    const { means } = segments[s]!;
    rows.push({
      user_id: `u${i}`,
      logins: random.poisson(means.logins),
      purchases: random.poisson(means.purchases),
      cart_adds: random.poisson(means.cart_adds),
      favourites: random.poisson(means.favourites),
    });
    labels.push(s);
  }
  return { rows, labels };
}

function assignments(model: BehaviourClustering, rows: readonly BehaviourRow[]): number[] {
  return rows.map((row) => model.assign(row).segment_id);
}

describe('BehaviourClustering on three planted segments', () => {
  const { rows, labels } = population([casual, buyers, wishlisters], 1500, 1);
  const model = BehaviourClustering.fit(rows, { seed: 3 });

  it('picks k = 3 by silhouette and recovers the segments (ARI ≥ 0.8)', () => {
    expect(Object.keys(model.silhouetteByK)).toEqual(['2', '3', '4', '5', '6', '7', '8']);
    expect(model.k).toBe(3);
    expect(adjustedRandIndex(labels, assignments(model, rows))).toBeGreaterThanOrEqual(0.8);
  });

  it('describes each segment in words against the average user, largest first', () => {
    const [first, second, third] = model.segments;
    expect(first!.size).toBeGreaterThanOrEqual(second!.size);
    expect(second!.size).toBeGreaterThanOrEqual(third!.size);
    expect(model.segments.map((s) => s.label).sort()).toEqual(['frequent buyers', 'occasional users', 'wishlisters']);
    const buyersSegment = model.segments.find((s) => s.label === 'frequent buyers')!;
    expect(buyersSegment.description).toMatch(/^frequent buyers: purchases \d+\.\d× average/);
    expect(buyersSegment.centroid.purchases).toBeCloseTo(8, 0);
    expect(buyersSegment.share).toBeCloseTo(0.2, 1);
    expect(model.segments.reduce((s, seg) => s + seg.size, 0)).toBe(1500);
  });

  it('assigns a new user, also from a JSON round trip of the state', () => {
    const copy = BehaviourClustering.fromState(JSON.parse(JSON.stringify(model.state())));
    const newBuyer = { logins: 18, purchases: 9, cart_adds: 11, favourites: 4 };
    expect(copy.assign(newBuyer).label).toBe('frequent buyers');
    expect(assignments(copy, rows)).toEqual(assignments(model, rows));
  });

  it('is deterministic for a seed', () => {
    expect(BehaviourClustering.fit(rows, { seed: 3 }).state()).toEqual(model.state());
  });
});

describe('BehaviourClustering on four planted segments', () => {
  const abandoners: PlantedSegment = { share: 0.2, means: { logins: 10, purchases: 0.2, cart_adds: 20, favourites: 2 } };
  const { rows, labels } = population([{ ...casual, share: 0.35 }, { ...buyers, share: 0.15 }, { ...wishlisters, share: 0.3 }, abandoners], 2000, 2);

  it('picks k = 4 and recovers the segments (ARI ≥ 0.8)', () => {
    const model = BehaviourClustering.fit(rows, { seed: 5 });
    expect(model.k).toBe(4);
    expect(adjustedRandIndex(labels, assignments(model, rows))).toBeGreaterThanOrEqual(0.8);
    expect(model.segments.map((s) => s.label)).toContain('cart abandoners');
  });
});

describe('BehaviourClustering input checks', () => {
  const row = (user_id: string, logins: number): BehaviourRow => ({ user_id, logins, purchases: 0, cart_adds: 0, favourites: 0 });

  it('rejects too few users, bad counts and identical users with a clear message', () => {
    expect(() => BehaviourClustering.fit([row('a', 1), row('b', 2)])).toThrow(/2 users; segments need at least 3/);
    expect(() => BehaviourClustering.fit([row('a', 1), row('b', -1), row('c', 2)])).toThrow(/logins of user b is -1/);
    expect(() => BehaviourClustering.fit([row('a', 1), row('b', 1), row('c', 1)])).toThrow(/same counts/);
  });

  it('caps k at what few users allow', () => {
    const model = BehaviourClustering.fit([row('a', 0), row('b', 0), row('c', 50), row('d', 60)], { seed: 1 });
    expect(Object.keys(model.silhouetteByK)).toEqual(['2', '3']);
    expect(model.k).toBe(2);
  });
});
