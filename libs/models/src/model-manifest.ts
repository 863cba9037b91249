import { createHash } from 'node:crypto';

/** Layout version of the manifest; bump when a field changes meaning. */
export const MANIFEST_FORMAT = 'pulse-model/1';

/**
 * What describes one trained model version. Stored beside the payload on the `model-artifacts`
 * topic and in ClickHouse `model_versions`; see libs/models/README.md for the layout.
 */
export interface ModelManifest {
  format: typeof MANIFEST_FORMAT;
  /** Logical model served under this name, e.g. `request-anomaly`. */
  model: string;
  /** Which ModelFamily decodes the payload, e.g. `logistic-regression`. */
  family: string;
  /** `v<yyyymmddhhmmss>-<first 8 hex of the checksum>`: sorts by creation time, unique per payload. */
  version: string;
  createdAt: number;
  /** Event-time window of the training data, epoch ms. */
  trainingWindow: { start: number; end: number } | null;
  rowCount: number;
  /** Holdout metrics, e.g. { auc: 0.91, logLoss: 0.31 }. */
  metrics: Record<string, number>;
  parentVersion: string | null;
  /** Version of the code that trained it (package version or git revision). */
  codeVersion: string;
  /** `json` or `json+gzip`, as written by the family's encoder and the artifact writer. */
  payloadEncoding: string;
  payloadBytes: number;
  /** sha256 hex of the payload bytes. */
  checksum: string;
}

export function sha256Hex(payload: Buffer): string {
  return createHash('sha256').update(payload).digest('hex');
}

function compactUtc(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export function versionId(createdAt: number, checksum: string): string {
  return `v${compactUtc(createdAt)}-${checksum.slice(0, 8)}`;
}

export type ManifestInput = Omit<ModelManifest, 'format' | 'version' | 'checksum' | 'payloadBytes' | 'payloadEncoding'>;

/** The manifest of `payload`: checksum, size and version derived from the bytes themselves. */
export function describePayload(input: ManifestInput, payload: Buffer, payloadEncoding: string): ModelManifest {
  const checksum = sha256Hex(payload);
  return {
    format: MANIFEST_FORMAT,
    ...input,
    version: versionId(input.createdAt, checksum),
    payloadEncoding,
    payloadBytes: payload.length,
    checksum,
  };
}
