// Generated from schemas/*.avsc by `npm run codegen`. Do not edit.
/* eslint-disable */

export type ArtifactRecordKind = 'chunk' | 'activation';
export const ArtifactRecordKindValues = ['chunk', 'activation'] as const;

/** One record of the model-artifacts topic: a chunk of a versioned artifact, or the activation of a version. Key: model/version/chunk for chunks, model/active for activations. */
export interface ModelArtifact {
  model: string;
  /** Model family that decodes the payload, e.g. logistic-regression. */
  family: string;
  version: string;
  created_at: number;
  training_window_start: null | number;
  training_window_end: null | number;
  row_count: number;
  metrics: Record<string, number>;
  parent_version: null | string;
  code_version: string;
  /** sha256 hex of the whole payload. */
  checksum: string;
  /** e.g. json, json+gzip, tfjs+gzip. */
  payload_encoding: string;
  /** Size of the whole payload (all chunks). */
  payload_bytes: number;
  chunk_index: number;
  chunk_count: number;
  payload: Buffer;
  /** chunk: payload slice of an artifact; activation: replicas must serve this version (payload empty). */
  kind: ArtifactRecordKind;
  /** Why a version was activated (promotion, manual rollback, auto-rollback). */
  reason: string;
}

export const ModelArtifactAvroSchema = {
  "type": "record",
  "name": "ModelArtifact",
  "namespace": "pulse.models",
  "doc": "One record of the model-artifacts topic: a chunk of a versioned artifact, or the activation of a version. Key: model/version/chunk for chunks, model/active for activations.",
  "fields": [
    {
      "name": "model",
      "type": "string"
    },
    {
      "name": "family",
      "type": "string",
      "default": "",
      "doc": "Model family that decodes the payload, e.g. logistic-regression."
    },
    {
      "name": "version",
      "type": "string"
    },
    {
      "name": "created_at",
      "type": {
        "type": "long",
        "logicalType": "timestamp-millis"
      }
    },
    {
      "name": "training_window_start",
      "type": [
        "null",
        {
          "type": "long",
          "logicalType": "timestamp-millis"
        }
      ],
      "default": null
    },
    {
      "name": "training_window_end",
      "type": [
        "null",
        {
          "type": "long",
          "logicalType": "timestamp-millis"
        }
      ],
      "default": null
    },
    {
      "name": "row_count",
      "type": "long",
      "default": 0
    },
    {
      "name": "metrics",
      "type": {
        "type": "map",
        "values": "double"
      },
      "default": {}
    },
    {
      "name": "parent_version",
      "type": [
        "null",
        "string"
      ],
      "default": null
    },
    {
      "name": "code_version",
      "type": "string"
    },
    {
      "name": "checksum",
      "type": "string",
      "doc": "sha256 hex of the whole payload."
    },
    {
      "name": "payload_encoding",
      "type": "string",
      "doc": "e.g. json, json+gzip, tfjs+gzip."
    },
    {
      "name": "payload_bytes",
      "type": "long",
      "default": 0,
      "doc": "Size of the whole payload (all chunks)."
    },
    {
      "name": "chunk_index",
      "type": "int"
    },
    {
      "name": "chunk_count",
      "type": "int"
    },
    {
      "name": "payload",
      "type": "bytes"
    },
    {
      "name": "kind",
      "type": {
        "type": "enum",
        "name": "ArtifactRecordKind",
        "symbols": [
          "chunk",
          "activation"
        ]
      },
      "default": "chunk",
      "doc": "chunk: payload slice of an artifact; activation: replicas must serve this version (payload empty)."
    },
    {
      "name": "reason",
      "type": "string",
      "default": "",
      "doc": "Why a version was activated (promotion, manual rollback, auto-rollback)."
    }
  ]
};
