import type { SparseFeatures } from './feedback-features';

export interface RewardModelOptions {
  /** AdaGrad step of the shared model. */
  learningRate: number;
  /** AdaGrad step of the per-user deltas. */
  userLearningRate: number;
  /** Events at which a user's delta counts half: its weight is n / (n + userPriorEvents). */
  userPriorEvents: number;
  /** L2 pull of each user delta toward zero (toward the shared model), per update of a column. */
  userL2: number;
  /** Users kept; the least recently seen is forgotten beyond it (they fall back to the shared model). */
  maxUsers: number;
}

export const defaultRewardModelOptions: RewardModelOptions = { learningRate: 0.1, userLearningRate: 0.15, userPriorEvents: 15, userL2: 0.01, maxUsers: 10_000 };

interface UserDelta {
  events: number;
  bias: number;
  biasSquares: number;
  /** Column → [weight, sum of squared gradients]. */
  weights: Map<number, [number, number]>;
}

export interface RewardModelState {
  options: RewardModelOptions;
  columns: number;
  bias: number;
  biasSquares: number;
  /** Non-zero shared weights as parallel arrays. */
  global: { indices: number[]; weights: number[]; squares: number[] };
  users: { id: string; events: number; bias: number; biasSquares: number; indices: number[]; weights: number[]; squares: number[] }[];
  events: number;
}

const EPSILON = 1e-8;

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Online logistic reward model (AdaGrad, one update per feedback event): a shared model of what
 * users like, and per user a delta on top of it. A user's delta enters with weight n / (n + prior),
 * so a user with little feedback is scored by the shared model and one with much feedback by their
 * own taste. Predictions are probabilities of a like.
 */
export class OnlineRewardModel {
  private readonly weights: Float64Array;
  private readonly squares: Float64Array;
  private bias = 0;
  private biasSquares = 0;
  private readonly users = new Map<string, UserDelta>();
  events = 0;

  constructor(
    readonly columns: number,
    readonly options: RewardModelOptions = defaultRewardModelOptions,
  ) {
    this.weights = new Float64Array(columns);
    this.squares = new Float64Array(columns);
  }

  /** Probability of a like by anyone: the shared model alone. */
  predictShared(x: SparseFeatures): number {
    return sigmoid(this.sharedLogit(x));
  }

  /** Probability of a like by `userId`: the shared model plus their delta, as far as it is trusted. */
  predict(userId: string, x: SparseFeatures): number {
    const user = this.users.get(userId);
    return sigmoid(this.sharedLogit(x) + (user ? this.trust(user) * this.deltaLogit(user, x) : 0));
  }

  /** Learns from one event: `target` in [0, 1], `weight` > 0. Returns the user's prediction made before learning. */
  update(userId: string, x: SparseFeatures, target: number, weight = 1): number {
    const shared = this.sharedLogit(x);
    const user = this.touch(userId);
    const trust = this.trust(user);
    const before = sigmoid(shared + trust * this.deltaLogit(user, x));

    const gShared = weight * (sigmoid(shared) - target);
    this.biasSquares += gShared * gShared;
    this.bias -= (this.options.learningRate * gShared) / Math.sqrt(this.biasSquares + EPSILON);
    for (let k = 0; k < x.indices.length; k++) {
      const j = x.indices[k]!;
      const g = gShared * x.values[k]!;
      this.squares[j]! += g * g;
      this.weights[j]! -= (this.options.learningRate * g) / Math.sqrt(this.squares[j]! + EPSILON);
    }

    // The delta learns what the shared model gets wrong for this user.
    const gUser = weight * (before - target) * Math.max(trust, 0.05);
    const rate = this.options.userLearningRate;
    user.biasSquares += gUser * gUser;
    user.bias -= (rate * gUser) / Math.sqrt(user.biasSquares + EPSILON);
    for (let k = 0; k < x.indices.length; k++) {
      const j = x.indices[k]!;
      const entry = user.weights.get(j) ?? [0, 0];
      const g = gUser * x.values[k]! + this.options.userL2 * entry[0];
      entry[1] += g * g;
      entry[0] -= (rate * g) / Math.sqrt(entry[1] + EPSILON);
      user.weights.set(j, entry);
    }
    user.events++;
    this.events++;
    return before;
  }

  userEvents(userId: string): number {
    return this.users.get(userId)?.events ?? 0;
  }

  get userCount(): number {
    return this.users.size;
  }

  toState(): RewardModelState {
    const global = { indices: [] as number[], weights: [] as number[], squares: [] as number[] };
    for (let j = 0; j < this.columns; j++) {
      if (this.squares[j] === 0) continue;
      global.indices.push(j);
      global.weights.push(this.weights[j]!);
      global.squares.push(this.squares[j]!);
    }
    return {
      options: this.options,
      columns: this.columns,
      bias: this.bias,
      biasSquares: this.biasSquares,
      global,
      users: [...this.users].map(([id, u]) => ({
        id,
        events: u.events,
        bias: u.bias,
        biasSquares: u.biasSquares,
        indices: [...u.weights.keys()],
        weights: [...u.weights.values()].map((e) => e[0]),
        squares: [...u.weights.values()].map((e) => e[1]),
      })),
      events: this.events,
    };
  }

  static fromState(state: RewardModelState): OnlineRewardModel {
    const model = new OnlineRewardModel(state.columns, { ...defaultRewardModelOptions, ...state.options });
    model.bias = state.bias;
    model.biasSquares = state.biasSquares;
    state.global.indices.forEach((j, k) => {
      model.weights[j] = state.global.weights[k]!;
      model.squares[j] = state.global.squares[k]!;
    });
    for (const u of state.users) {
      model.users.set(u.id, { events: u.events, bias: u.bias, biasSquares: u.biasSquares, weights: new Map(u.indices.map((j, k) => [j, [u.weights[k]!, u.squares[k]!]])) });
    }
    model.events = state.events;
    return model;
  }

  private sharedLogit(x: SparseFeatures): number {
    let z = this.bias;
    for (let k = 0; k < x.indices.length; k++) z += this.weights[x.indices[k]!]! * x.values[k]!;
    return z;
  }

  private deltaLogit(user: UserDelta, x: SparseFeatures): number {
    let z = user.bias;
    for (let k = 0; k < x.indices.length; k++) z += (user.weights.get(x.indices[k]!)?.[0] ?? 0) * x.values[k]!;
    return z;
  }

  private trust(user: UserDelta): number {
    return user.events / (user.events + this.options.userPriorEvents);
  }

  /** The user's delta, most recently seen last (a Map keeps insertion order: re-inserting moves it). */
  private touch(userId: string): UserDelta {
    let user = this.users.get(userId);
    if (user) this.users.delete(userId);
    else user = { events: 0, bias: 0, biasSquares: 0, weights: new Map() };
    this.users.set(userId, user);
    if (this.users.size > this.options.maxUsers) this.users.delete(this.users.keys().next().value!);
    return user;
  }
}
