import { SeededRandom } from '../random/seeded-random';

export interface IsolationForestOptions {
  trees: number;
  /** Rows drawn (without replacement) to grow each tree; 256 in the original paper. */
  sampleSize: number;
  seed: number;
}

export const defaultIsolationForestOptions: IsolationForestOptions = { trees: 100, sampleSize: 256, seed: 42 };

/**
 * One tree as flat arrays (JSON-friendly): node i splits on feature[i] at threshold[i] with
 * children left[i]/right[i]; a leaf has feature -1 and `size` rows.
 */
export interface IsolationTreeState {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  size: number[];
}

export interface IsolationForestState {
  featureNames: string[];
  sampleSize: number;
  trees: IsolationTreeState[];
}

/** Average path length of an unsuccessful search in a binary search tree of n items (the c(n) of the paper). */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  const harmonic = Math.log(n - 1) + 0.5772156649015329;
  return 2 * harmonic - (2 * (n - 1)) / n;
}

function growTree(rows: number[][], indices: number[], random: SeededRandom, heightLimit: number): IsolationTreeState {
  const tree: IsolationTreeState = { feature: [], threshold: [], left: [], right: [], size: [] };
  const d = rows[0]!.length;
  const grow = (idx: number[], depth: number): number => {
    const node = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.size.push(idx.length);
    if (depth >= heightLimit || idx.length <= 1) return node;
    // A feature that varies within this node, chosen at random among them.
    const candidates: { f: number; min: number; max: number }[] = [];
    for (let f = 0; f < d; f++) {
      let min = Infinity;
      let max = -Infinity;
      for (const i of idx) {
        const v = rows[i]![f]!;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max > min) candidates.push({ f, min, max });
    }
    if (candidates.length === 0) return node;
    const { f, min, max } = candidates[random.int(candidates.length)]!;
    const threshold = min + random.next() * (max - min);
    tree.feature[node] = f;
    tree.threshold[node] = threshold;
    tree.left[node] = grow(idx.filter((i) => rows[i]![f]! < threshold), depth + 1);
    tree.right[node] = grow(idx.filter((i) => rows[i]![f]! >= threshold), depth + 1);
    return node;
  };
  grow(indices, 0);
  return tree;
}

/**
 * Isolation forest (Liu, Ting & Zhou, 2008), hand-written and seeded: anomalies are isolated by
 * fewer random splits. Scores are in (0, 1]; above ~0.6 is unusual, near 0.5 is ordinary. Each
 * score can be explained by the features whose splits isolated the point.
 */
/** All trees' nodes in typed arrays, for scoring: a leaf has feature -1 and carries its path-length correction. */
interface CompiledForest {
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** c(size) at a leaf, added to its depth. */
  leafCorrection: Float64Array;
}

function compile(trees: IsolationTreeState[]): CompiledForest {
  const total = trees.reduce((n, t) => n + t.feature.length, 0);
  const c: CompiledForest = {
    roots: new Int32Array(trees.length),
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    leafCorrection: new Float64Array(total),
  };
  let base = 0;
  trees.forEach((tree, t) => {
    c.roots[t] = base;
    for (let i = 0; i < tree.feature.length; i++) {
      const leaf = tree.feature[i]! < 0;
      c.feature[base + i] = tree.feature[i]!;
      c.threshold[base + i] = tree.threshold[i]!;
      c.left[base + i] = leaf ? -1 : base + tree.left[i]!;
      c.right[base + i] = leaf ? -1 : base + tree.right[i]!;
      c.leafCorrection[base + i] = leaf ? averagePathLength(tree.size[i]!) : 0;
    }
    base += tree.feature.length;
  });
  return c;
}

export class IsolationForest {
  private readonly compiled: CompiledForest;
  private readonly normaliser: number;

  private constructor(readonly state: IsolationForestState) {
    this.compiled = compile(state.trees);
    this.normaliser = state.trees.length * averagePathLength(state.sampleSize);
  }

  static fit(featureNames: string[], rows: number[][], options: Partial<IsolationForestOptions> = {}): IsolationForest {
    const o = { ...defaultIsolationForestOptions, ...options };
    if (rows.length < 2) throw new Error('IsolationForest.fit needs at least two rows');
    rows.forEach((r, i) => {
      if (r.length !== featureNames.length) throw new Error(`IsolationForest.fit: row ${i} has ${r.length} values, expected ${featureNames.length}`);
      if (!r.every(Number.isFinite)) throw new Error(`IsolationForest.fit: row ${i} has a value that is not a finite number`);
    });
    const random = new SeededRandom(o.seed);
    const sampleSize = Math.min(o.sampleSize, rows.length);
    const heightLimit = Math.ceil(Math.log2(sampleSize));
    const trees = Array.from({ length: o.trees }, () => growTree(rows, random.sample(rows.length, sampleSize), random, heightLimit));
    return new IsolationForest({ featureNames: [...featureNames], sampleSize, trees });
  }

  static fromState(state: IsolationForestState): IsolationForest {
    if (!Array.isArray(state.trees) || state.trees.length === 0) throw new Error('IsolationForest state: no trees');
    for (const [t, tree] of state.trees.entries()) {
      const n = tree.feature.length;
      if ([tree.threshold, tree.left, tree.right, tree.size].some((a) => a.length !== n)) throw new Error(`IsolationForest state: tree ${t} has arrays of different lengths`);
      if (tree.feature.some((f) => f >= state.featureNames.length)) throw new Error(`IsolationForest state: tree ${t} splits on an unknown feature`);
    }
    return new IsolationForest(state);
  }

  /**
   * Path length of `row` in one tree, with the c(size) correction at the leaf; `onSplit` sees each
   * split's feature and the share of the node's sample that it cut away from the row.
   */
  private pathLength(tree: IsolationTreeState, row: ArrayLike<number>, onSplit?: (feature: number, cutShare: number) => void): number {
    let node = 0;
    let depth = 0;
    while (tree.feature[node]! >= 0) {
      const f = tree.feature[node]!;
      const next = (row[f] as number) < tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
      onSplit?.(f, 1 - tree.size[next]! / tree.size[node]!);
      node = next;
      depth++;
    }
    return depth + averagePathLength(tree.size[node]!);
  }

  score(row: ArrayLike<number>): number {
    const { roots, feature, threshold, left, right, leafCorrection } = this.compiled;
    let total = 0;
    for (let t = 0; t < roots.length; t++) {
      let node = roots[t]!;
      let depth = 0;
      for (let f = feature[node]!; f >= 0; f = feature[node]!) {
        node = (row[f] as number) < threshold[node]! ? left[node]! : right[node]!;
        depth++;
      }
      total += depth + leafCorrection[node]!;
    }
    return 2 ** -(total / this.normaliser);
  }

  /**
   * The features that isolated `row`, as shares summing to 1: each split on its path credits its
   * feature with the share of the sample it cut away, so the split that set the row apart from
   * nearly everything weighs most.
   */
  explain(row: ArrayLike<number>): { feature: string; share: number }[] {
    const weights = new Array<number>(this.state.featureNames.length).fill(0);
    for (const tree of this.state.trees) this.pathLength(tree, row, (f, cutShare) => (weights[f]! += cutShare));
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    return this.state.featureNames.map((feature, f) => ({ feature, share: weights[f]! / total })).sort((a, b) => b.share - a.share);
  }
}
