import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseAdapter, ident, runMigrations, sql } from '#clickhouse';
import { loggerFor } from '#telemetry';
import { topics } from '#contracts';
import { LogisticRegression, logisticRegressionFamily } from '#ml';
import {
  ModelFamilies,
  ModelHolder,
  ModelLifecycle,
  ModelPublisher,
  ModelSubscriber,
  ModelVersionStore,
  UnknownVersionError,
  saveModel,
  type ModelArtifact,
  type ModelFamily,
} from '#models';
import { KafkaFixture } from '../support/kafka-fixtures';
import { stackEnv } from '../support/local-stack';
import { uniqueNamespace } from '../support/unique-names';
import { waitFor } from '../support/wait-for';

const MODEL = 'request-risk';
const DAY = 86_400_000;
const promotion = { metric: 'auc', direction: 'higher-is-better' as const, tolerance: 0 };

function candidate(n: number, auc: number): ModelArtifact {
  const model = LogisticRegression.fit(['x'], [[0], [1], [2], [3 + n]], [0, 0, 1, 1]);
  return saveModel(logisticRegressionFamily, model, {
    model: MODEL,
    createdAt: Date.UTC(2026, 10, 1) + n * DAY,
    trainingWindow: { start: 0, end: n },
    rowCount: 4,
    metrics: { auc },
    parentVersion: null,
    codeVersion: 'test',
  });
}

describe('ModelLifecycle: promotion, rollback, auto-rollback and cleanup seen by every replica', () => {
  const ns = uniqueNamespace('lifecycle');
  let clickhouse: ClickHouseAdapter;
  let kafka: KafkaFixture;
  let lifecycle: ModelLifecycle;
  let store: ModelVersionStore;
  const subscribers: ModelSubscriber[] = [];
  const families = new ModelFamilies([logisticRegressionFamily as ModelFamily<unknown>]);

  async function replica(): Promise<ModelHolder<LogisticRegression>> {
    const holder = new ModelHolder<LogisticRegression>(MODEL, families);
    const subscriber = new ModelSubscriber(kafka.kafka, kafka.codec, kafka.topic(topics.modelArtifacts), [holder as ModelHolder<unknown>]);
    subscribers.push(subscriber);
    await subscriber.start();
    return holder;
  }

  beforeAll(async () => {
    clickhouse = new ClickHouseAdapter({ url: stackEnv().clickhouseUrl, database: ns.database });
    await runMigrations(clickhouse, { logger: loggerFor('migrations') });
    kafka = await new KafkaFixture(ns.topicPrefix).setUp();
    store = new ModelVersionStore(clickhouse);
    lifecycle = new ModelLifecycle(store, new ModelPublisher(kafka.producer, kafka.topic(topics.modelArtifacts)));
  });
  afterAll(async () => {
    await Promise.all(subscribers.map((s) => s.stop()));
    await kafka.tearDown();
    await clickhouse.command(sql`DROP DATABASE IF EXISTS ${ident(ns.database)}`);
    await clickhouse.close();
  });

  it('runs a model through its whole life', async () => {
    const replicas = [await replica(), await replica()];
    const servedEverywhere = (version: string, what: string) =>
      waitFor(async () => replicas.map((r) => r.current()?.manifest.version), (vs) => vs.every((v) => v === version), { what });

    const v1 = candidate(1, 0.8);
    expect(await lifecycle.submit(v1, undefined, promotion)).toEqual({ promoted: true, reason: 'first version' });
    await servedEverywhere(v1.manifest.version, 'v1 everywhere');

    const v2 = candidate(2, 0.75);
    const rejected = await lifecycle.submit(v2, 0.8, promotion);
    expect(rejected).toEqual({ promoted: false, reason: 'auc 0.7500 is worse than the live version\'s 0.8000 on the same holdout' });

    const v3 = candidate(3, 0.85);
    expect((await lifecycle.submit(v3, 0.8, promotion)).promoted).toBe(true);
    await servedEverywhere(v3.manifest.version, 'v3 everywhere');
    expect(replicas[0]!.current()?.manifest.version).toBe(v3.manifest.version);
    expect((await store.list(MODEL)).map((v) => [v.version, v.status])).toEqual([
      [v3.manifest.version, 'promoted'],
      [v2.manifest.version, 'rejected'],
      [v1.manifest.version, 'promoted'],
    ]);

    // Live AUC of v3 falls 20% below its holdout value: the previous version comes back.
    for (const value of [0.7, 0.68, 0.69]) await store.recordLiveMetric(MODEL, v3.manifest.version, 'auc', value);
    const verdict = await lifecycle.checkAutoRollback(MODEL, { metric: 'auc', direction: 'higher-is-better', degradation: 0.1, minObservations: 3 });
    expect(verdict).toMatchObject({ rolledBack: true });
    await servedEverywhere(v1.manifest.version, 'auto-rollback to v1 everywhere');

    await lifecycle.rollback(MODEL, v3.manifest.version, 'live metric was a false alarm');
    await servedEverywhere(v3.manifest.version, 'manual rollback to v3 everywhere');
    await expect(lifecycle.rollback(MODEL, 'v-none', 'typo')).rejects.toBeInstanceOf(UnknownVersionError);

    // Cleanup keeps the active (v3) and previous (v1) versions whatever the limits say.
    const deleted = await lifecycle.cleanup(MODEL, { maxVersions: 1, retentionDays: 1 }, Date.UTC(2027, 0, 1));
    expect(deleted).toEqual([v2.manifest.version]);
    expect((await store.list(MODEL)).map((v) => v.version).sort()).toEqual([v1.manifest.version, v3.manifest.version].sort());

    // Better than live is not enough below the absolute performance threshold.
    const weak = candidate(5, 0.55);
    expect(await lifecycle.submit(weak, 0.5, { ...promotion, floor: 0.6 })).toEqual({ promoted: false, reason: 'auc 0.5500 does not reach the required 0.6' });

    // A replica started after all of it converges on what is active now.
    const late = await replica();
    expect(late.current()?.manifest.version).toBe(v3.manifest.version);
    expect((await store.activations(MODEL)).map((a) => a.reason)).toEqual([
      'rollback: live metric was a false alarm',
      expect.stringMatching(/^rollback: auto: live auc 0\.6900 is 18\.8% worse than 0\.8500$/),
      'auc 0.8500 not worse than live 0.8000',
      'first version',
    ]);
  });
});
