import { sql, type ClickHouseAdapter } from '#clickhouse';
import type { ModelManifest } from './model-manifest';
import type { VersionInfo } from './version-policy';

/** Lifecycle state of a stored version; which one is served is the latest activation, not a status. */
export type VersionStatus = 'candidate' | 'promoted' | 'rejected' | 'deleted';

export interface StoredVersion extends VersionInfo {
  model: string;
  family: string;
  trainingWindow: { start: number; end: number } | null;
  rowCount: number;
  parentVersion: string | null;
  codeVersion: string;
  checksum: string;
  payloadEncoding: string;
  payloadBytes: number;
  status: VersionStatus;
  statusReason: string;
}

export interface Activation {
  model: string;
  version: string;
  previousVersion: string | null;
  reason: string;
  at: number;
}

interface VersionRow {
  model: string;
  version: string;
  family: string;
  created_ms: string;
  training_start_ms: string | null;
  training_end_ms: string | null;
  row_count: string;
  metric_names: string[];
  metric_values: number[];
  parent_version: string | null;
  code_version: string;
  checksum: string;
  payload_encoding: string;
  payload_bytes: string;
  status: VersionStatus;
  status_reason: string;
}

/**
 * Model versions, activations and live metrics in ClickHouse (tables of migration
 * 020_model_versions.sql): the record every replica and the trainer agree on.
 */
export class ModelVersionStore {
  private lastTick = 0;

  constructor(
    private readonly clickhouse: ClickHouseAdapter,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Strictly increasing: two changes in one millisecond must still sort in the order made. */
  private now(): number {
    this.lastTick = Math.max(this.clock(), this.lastTick + 1);
    return this.lastTick;
  }

  async record(manifest: ModelManifest, status: VersionStatus, reason: string): Promise<void> {
    await this.clickhouse.insert('model_versions', [
      {
        model: manifest.model,
        version: manifest.version,
        family: manifest.family,
        created_ms: manifest.createdAt,
        training_start_ms: manifest.trainingWindow?.start ?? null,
        training_end_ms: manifest.trainingWindow?.end ?? null,
        row_count: manifest.rowCount,
        metric_names: Object.keys(manifest.metrics),
        metric_values: Object.values(manifest.metrics),
        parent_version: manifest.parentVersion,
        code_version: manifest.codeVersion,
        checksum: manifest.checksum,
        payload_encoding: manifest.payloadEncoding,
        payload_bytes: manifest.payloadBytes,
        status,
        status_reason: reason,
        updated_ms: this.now(),
      },
    ]);
  }

  /** Changes a stored version's status (a new row; the latest wins). */
  async setStatus(model: string, version: string, status: VersionStatus, reason: string): Promise<void> {
    const current = (await this.list(model)).find((v) => v.version === version);
    if (!current) throw new Error(`Model ${model} has no version ${version}`);
    await this.clickhouse.insert('model_versions', [
      {
        ...this.toRow(current),
        status,
        status_reason: reason,
        updated_ms: this.now(),
      },
    ]);
  }

  /** Every version of `model` with its current status, newest first (deleted ones left out). */
  async list(model: string): Promise<StoredVersion[]> {
    const rows = await this.clickhouse.query<VersionRow>(
      sql`SELECT model, version, family, created_ms, training_start_ms, training_end_ms, row_count, metric_names, metric_values, parent_version, code_version, checksum, payload_encoding, payload_bytes, status, status_reason
          FROM model_versions FINAL WHERE model = ${model} AND status != 'deleted' ORDER BY created_ms DESC, version DESC`,
    );
    return rows.map((r) => ({
      model: r.model,
      version: r.version,
      family: r.family,
      createdAt: Number(r.created_ms),
      trainingWindow: r.training_start_ms !== null && r.training_end_ms !== null ? { start: Number(r.training_start_ms), end: Number(r.training_end_ms) } : null,
      rowCount: Number(r.row_count),
      metrics: Object.fromEntries(r.metric_names.map((name, i) => [name, Number(r.metric_values[i])])),
      parentVersion: r.parent_version,
      codeVersion: r.code_version,
      checksum: r.checksum,
      payloadEncoding: r.payload_encoding,
      payloadBytes: Number(r.payload_bytes),
      status: r.status,
      statusReason: r.status_reason,
    }));
  }

  async recordActivation(activation: Omit<Activation, 'at'>): Promise<Activation> {
    const row = { ...activation, at: this.now() };
    await this.clickhouse.insert('model_activations', [
      { model: row.model, version: row.version, previous_version: row.previousVersion, reason: row.reason, at_ms: row.at },
    ]);
    return row;
  }

  /** Activations of `model`, newest first. */
  async activations(model: string, limit = 50): Promise<Activation[]> {
    const rows = await this.clickhouse.query<{ model: string; version: string; previous_version: string | null; reason: string; at_ms: string }>(
      sql`SELECT model, version, previous_version, reason, at_ms FROM model_activations WHERE model = ${model} ORDER BY at_ms DESC LIMIT ${limit}`,
    );
    return rows.map((r) => ({ model: r.model, version: r.version, previousVersion: r.previous_version, reason: r.reason, at: Number(r.at_ms) }));
  }

  async recordLiveMetric(model: string, version: string, metric: string, value: number): Promise<void> {
    await this.clickhouse.insert('model_live_metrics', [{ model, version, metric, value, at_ms: this.now() }]);
  }

  /** Live observations of one metric for one version, oldest first, since `sinceMs`. */
  async liveMetric(model: string, version: string, metric: string, sinceMs = 0): Promise<number[]> {
    const rows = await this.clickhouse.query<{ value: number }>(
      sql`SELECT value FROM model_live_metrics WHERE model = ${model} AND version = ${version} AND metric = ${metric} AND at_ms >= ${sinceMs} ORDER BY at_ms`,
    );
    return rows.map((r) => Number(r.value));
  }

  private toRow(v: StoredVersion) {
    return {
      model: v.model,
      version: v.version,
      family: v.family,
      created_ms: v.createdAt,
      training_start_ms: v.trainingWindow?.start ?? null,
      training_end_ms: v.trainingWindow?.end ?? null,
      row_count: v.rowCount,
      metric_names: Object.keys(v.metrics),
      metric_values: Object.values(v.metrics),
      parent_version: v.parentVersion,
      code_version: v.codeVersion,
      checksum: v.checksum,
      payload_encoding: v.payloadEncoding,
      payload_bytes: v.payloadBytes,
    };
  }
}
