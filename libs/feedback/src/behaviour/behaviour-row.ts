/** The activity counts a user is clustered on (seed 002's login, purchase, cart and favourite counts). */
export const BEHAVIOUR_FEATURES = ['logins', 'purchases', 'cart_adds', 'favourites'] as const;

export type BehaviourFeature = (typeof BEHAVIOUR_FEATURES)[number];

export type BehaviourCounts = Record<BehaviourFeature, number>;

/** One user's counts over a period. */
export interface BehaviourRow extends BehaviourCounts {
  user_id: string;
}

/** Throws a RangeError naming the user and the count when a count is negative or not finite. */
export function checkBehaviourCounts(row: BehaviourCounts & { user_id?: string }, caller: string): void {
  for (const feature of BEHAVIOUR_FEATURES) {
    const value = row[feature];
    if (!(Number.isFinite(value) && value >= 0)) {
      const who = row.user_id === undefined ? 'the row' : `user ${row.user_id}`;
      throw new RangeError(`${caller}: ${feature} of ${who} is ${value}; counts must be finite and ≥ 0`);
    }
  }
}
