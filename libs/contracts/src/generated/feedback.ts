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

export const FeedbackAvroSchema = {
  "type": "record",
  "name": "Feedback",
  "namespace": "pulse.events",
  "doc": "A user's reaction to a generated asset. Key: user_id.",
  "fields": [
    {
      "name": "event_id",
      "type": "string"
    },
    {
      "name": "event_time",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    },
    {
      "name": "user_id",
      "type": "string"
    },
    {
      "name": "asset_id",
      "type": "string"
    },
    {
      "name": "generation_id",
      "type": [
        "null",
        "string"
      ],
      "default": null
    },
    {
      "name": "feedback_type",
      "type": {
        "type": "enum",
        "name": "FeedbackType",
        "symbols": [
          "like",
          "dislike",
          "outlier",
          "rating"
        ]
      }
    },
    {
      "name": "rating",
      "type": [
        "null",
        "double"
      ],
      "default": null,
      "doc": "1-5, required when feedback_type is rating."
    },
    {
      "name": "quality_score",
      "type": [
        "null",
        "double"
      ],
      "default": null,
      "doc": "0-1 quality estimate of the asset, when known."
    },
    {
      "name": "prompt",
      "type": "string",
      "doc": "Prompt used to generate the asset."
    },
    {
      "name": "attributes",
      "doc": "Attribute spec the asset was generated from.",
      "type": {
        "type": "record",
        "name": "AttributeSpec",
        "fields": [
          {
            "name": "garment_type",
            "type": [
              "null",
              "string"
            ],
            "default": null
          },
          {
            "name": "silhouette",
            "type": [
              "null",
              "string"
            ],
            "default": null
          },
          {
            "name": "neckline",
            "type": [
              "null",
              "string"
            ],
            "default": null
          },
          {
            "name": "sleeve_length",
            "type": [
              "null",
              "string"
            ],
            "default": null
          },
          {
            "name": "length",
            "type": [
              "null",
              "string"
            ],
            "default": null
          },
          {
            "name": "color_primary",
            "type": [
              "null",
              "string"
            ],
            "default": null
          },
          {
            "name": "finish",
            "type": [
              "null",
              "string"
            ],
            "default": null
          },
          {
            "name": "style_overall",
            "type": [
              "null",
              "string"
            ],
            "default": null
          },
          {
            "name": "mood",
            "type": [
              "null",
              "string"
            ],
            "default": null
          },
          {
            "name": "extra",
            "type": {
              "type": "map",
              "values": "string"
            },
            "default": {}
          }
        ]
      }
    }
  ]
};
