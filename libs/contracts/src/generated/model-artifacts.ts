// Generated from schemas/*.avsc by `npm run codegen`. Do not edit.
/* eslint-disable */

/** One chunk of a versioned model artifact. Key: model name (chunks keyed model/version/index). */
export interface ModelArtifact {
  model: string;
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
  chunk_index: number;
  chunk_count: number;
  payload: Buffer;
}
