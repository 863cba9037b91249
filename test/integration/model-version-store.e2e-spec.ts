import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseAdapter, ident, runMigrations, sql } from '#clickhouse';
import { loggerFor } from '#telemetry';
import { ModelVersionStore, bestVersion, describePayload, versionsToDelete, type ModelManifest } from '#models';
import { stackEnv } from '../support/local-stack';
import { uniqueNamespace } from '../support/unique-names';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 12);

function manifest(n: number, auc: number): ModelManifest {
  return describePayload(
    { model: 'request-anomaly', family: 'logistic-regression', createdAt: NOW - (10 - n) * DAY, trainingWindow: { start: NOW - 40 * DAY, end: NOW - (10 - n) * DAY }, rowCount: 1000 * n, metrics: { auc, logLoss: 1 - auc }, parentVersion: null, codeVersion: 'test' },
    Buffer.from(`payload ${n}`),
    'json+gzip',
  );
}

describe('ModelVersionStore against ClickHouse', () => {
  const { database } = uniqueNamespace('versions');
  let clickhouse: ClickHouseAdapter;
  let clock = NOW;
  let store: ModelVersionStore;

  beforeAll(async () => {
    clickhouse = new ClickHouseAdapter({ url: stackEnv().clickhouseUrl, database });
    await runMigrations(clickhouse, { logger: loggerFor('migrations') });
    store = new ModelVersionStore(clickhouse, () => clock++);
  });
  afterAll(async () => {
    await clickhouse.command(sql`DROP DATABASE IF EXISTS ${ident(database)}`);
    await clickhouse.close();
  });

  it('lists versions with metrics and their latest status, finds the best, and keeps the activation history', async () => {
    const versions = [manifest(1, 0.8), manifest(2, 0.86), manifest(3, 0.83)];
    for (const m of versions) await store.record(m, 'candidate', 'trained');
    await store.setStatus('request-anomaly', versions[1]!.version, 'promoted', 'not worse than live on holdout');
    await store.setStatus('request-anomaly', versions[2]!.version, 'rejected', 'worse than live on holdout');

    const listed = await store.list('request-anomaly');
    expect(listed.map((v) => [v.version, v.status])).toEqual([
      [versions[2]!.version, 'rejected'],
      [versions[1]!.version, 'promoted'],
      [versions[0]!.version, 'candidate'],
    ]);
    expect(listed[1]).toMatchObject({ metrics: { auc: 0.86 }, rowCount: 2000, trainingWindow: versions[1]!.trainingWindow, checksum: versions[1]!.checksum });
    expect(bestVersion(listed, 'auc', 'higher-is-better')?.version).toBe(versions[1]!.version);

    await store.recordActivation({ model: 'request-anomaly', version: versions[0]!.version, previousVersion: null, reason: 'first version' });
    await store.recordActivation({ model: 'request-anomaly', version: versions[1]!.version, previousVersion: versions[0]!.version, reason: 'promoted' });
    const history = await store.activations('request-anomaly');
    expect(history.map((a) => a.version)).toEqual([versions[1]!.version, versions[0]!.version]);
    expect(history[0]!.previousVersion).toBe(versions[0]!.version);

    const toDelete = versionsToDelete(listed, [history[0]!.version, history[0]!.previousVersion], { maxVersions: 2, retentionDays: 30 }, NOW);
    expect(toDelete.map((v) => v.version)).toEqual([versions[2]!.version]);
    await store.setStatus('request-anomaly', versions[2]!.version, 'deleted', 'cleanup: max versions');
    expect((await store.list('request-anomaly')).map((v) => v.version)).not.toContain(versions[2]!.version);
  });

  it('records live metrics per version for the auto-rollback check', async () => {
    const m = manifest(4, 0.9);
    await store.record(m, 'promoted', 'test');
    for (const value of [0.91, 0.7, 0.72]) await store.recordLiveMetric('request-anomaly', m.version, 'auc', value);
    await store.recordLiveMetric('request-anomaly', m.version, 'logLoss', 0.5);
    expect(await store.liveMetric('request-anomaly', m.version, 'auc')).toEqual([0.91, 0.7, 0.72]);
  });
});
