import type { Feedback } from '#contracts';

/** What a feedback event teaches: a target in [0, 1] (the chance the user wants this) and its weight. */
export interface RewardSignal {
  target: number;
  weight: number;
}

/**
 * Seed 004's reward: a like is 1, a dislike 0, an "outlier" (an exceptional result the user singles
 * out) 1 with double weight, and a 1–5 rating (r − 1) / 4 as a soft target. Null when the event
 * carries no usable signal (a rating event without its rating).
 */
export function rewardOf(feedback: Pick<Feedback, 'feedback_type' | 'rating'>): RewardSignal | null {
  switch (feedback.feedback_type) {
    case 'like':
      return { target: 1, weight: 1 };
    case 'dislike':
      return { target: 0, weight: 1 };
    case 'outlier':
      return { target: 1, weight: 2 };
    case 'rating':
      return feedback.rating === null || !(feedback.rating >= 1 && feedback.rating <= 5) ? null : { target: (feedback.rating - 1) / 4, weight: 1 };
  }
}
