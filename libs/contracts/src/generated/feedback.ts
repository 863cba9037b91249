// Generated from schemas/*.avsc by `npm run codegen`. Do not edit.
/* eslint-disable */

export type FeedbackType = 'like' | 'dislike' | 'outlier' | 'rating';
export const FeedbackTypeValues = ['like', 'dislike', 'outlier', 'rating'] as const;

export interface AttributeSpec {
  garment_type: null | string;
  silhouette: null | string;
  neckline: null | string;
  sleeve_length: null | string;
  length: null | string;
  color_primary: null | string;
  finish: null | string;
  style_overall: null | string;
  mood: null | string;
  extra: Record<string, string>;
}

/** A user's reaction to a generated asset. Key: user_id. */
export interface Feedback {
  event_id: string;
  event_time: number;
  user_id: string;
  asset_id: string;
  generation_id: null | string;
  feedback_type: FeedbackType;
  /** 1-5, required when feedback_type is rating. */
  rating: null | number;
  /** 0-1 quality estimate of the asset, when known. */
  quality_score: null | number;
  /** Prompt used to generate the asset. */
  prompt: string;
  /** Attribute spec the asset was generated from. */
  attributes: AttributeSpec;
}
