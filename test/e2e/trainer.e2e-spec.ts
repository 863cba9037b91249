import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseAdapter, ident, runMigrations, sql } from '#clickhouse';
import { loggerFor } from '#telemetry';
import { topics } from '#contracts';
import { logisticRegressionFamily } from '#ml';
import { ModelFamilies, ModelHolder, ModelSubscriber, type ModelFamily } from '#models';
import { KafkaFixture } from '../support/kafka-fixtures';
import { namespacedServiceEnv, stackEnv } from '../support/local-stack';
import { seedRequestLogs } from '../support/request-log-fixture';
import { ServiceProcess } from '../support/service-process';
import { uniqueNamespace } from '../support/unique-names';
import { waitFor } from '../support/wait-for';

const ns = uniqueNamespace('trainer');
const httpPort = 29_100 + Math.floor(Math.random() * 300);
const metricsPort = httpPort + 400;
const api = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${httpPort}${path}`, { ...init, headers: { 'content-type': 'application/json' } });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field below
const json = async (res: Response | Promise<Response>): Promise<any> => (await res).json();
const post = (path: string, body?: unknown) => api(path, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });

describe('services/trainer: scheduled and on-demand retraining, versions and rollback over HTTP', () => {
  let clickhouse: ClickHouseAdapter;
  let kafka: KafkaFixture;
  let trainer: ServiceProcess;
  const replicas: { holder: ModelHolder<unknown>; subscriber: ModelSubscriber }[] = [];

  beforeAll(async () => {
    clickhouse = new ClickHouseAdapter({ url: stackEnv().clickhouseUrl, database: ns.database });
    await runMigrations(clickhouse, { logger: loggerFor('migrations') });
    await seedRequestLogs(clickhouse);

    kafka = await new KafkaFixture(ns.topicPrefix).setUp();
    trainer = new ServiceProcess('trainer', {
      ...namespacedServiceEnv(ns, metricsPort),
      TRAINER_HTTP_PORT: String(httpPort),
      TRAINER_REQUEST_RISK_CRON: '0 0 1 1 *',
      TRAINER_REQUEST_OUTLIERS_CRON: '0 0 1 1 *',
      DEMAND_FORECAST_CRON: '0 0 1 1 *',
      TRAINER_AUTO_ROLLBACK_CRON: '*/2 * * * * *',
      TRAINER_AUTO_ROLLBACK_MIN_OBSERVATIONS: '3',
    });
    trainer.start();
    await trainer.waitHealthy(metricsPort);
  });

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.subscriber.stop()));
    await trainer?.stop('SIGTERM');
    await kafka?.tearDown();
    await clickhouse?.command(sql`DROP DATABASE IF EXISTS ${ident(ns.database)}`);
    await clickhouse?.close();
  });

  async function replica() {
    const holder = new ModelHolder<unknown>('request-risk', new ModelFamilies([logisticRegressionFamily as ModelFamily<unknown>]));
    const subscriber = new ModelSubscriber(kafka.kafka, kafka.codec, kafka.topic(topics.modelArtifacts), [holder]);
    replicas.push({ holder, subscriber });
    await subscriber.start();
    return holder;
  }

  it('lists its schedules, trains on demand, promotes, and every replica swaps to the new version', async () => {
    const [a, b] = [await replica(), await replica()];
    const schedules = await json(api('/schedules'));
    expect(schedules).toEqual([
      expect.objectContaining({ name: 'request-risk', cron: '0 0 1 1 *', paused: false, minRows: 500, nextRunAt: Date.UTC(2027, 0, 1) }),
      expect.objectContaining({ name: 'request-outliers', cron: '0 0 1 1 *', paused: false, minRows: 2000 }),
      expect.objectContaining({ name: 'demand-forecast', model: 'demand-forecast', cron: '0 0 1 1 *', paused: false, minRows: 500 }),
      expect.objectContaining({ name: 'full-retrain', model: '*', cron: '0 5 * * 1' }),
    ]);

    const run = await json(post('/schedules/request-risk/trigger?wait=true'));
    expect(run).toMatchObject({ trigger: 'manual', outcome: 'promoted', detail: 'first version' });
    expect(run.metrics.auc).toBeGreaterThan(0.6);
    await waitFor(async () => [a.current()?.manifest.version, b.current()?.manifest.version], (v) => v.every((x) => x === run.version), { what: 'replicas on the trained version' });

    const second = await json(post('/schedules/request-risk/trigger?wait=true'));
    expect(second.outcome).toBe('promoted');
    expect(second.detail).toMatch(/^auc \d\.\d{4} not worse than live \d\.\d{4}$/);
    await waitFor(async () => [a.current()?.manifest.version, b.current()?.manifest.version], (v) => v.every((x) => x === second.version), { what: 'replicas on the retrained version' });

    const versions = await json(api('/models/request-risk/versions'));
    expect(versions).toMatchObject({ active: second.version, previous: run.version });
    expect(versions.versions.map((v: { version: string }) => v.version)).toEqual([second.version, run.version]);

    const best = await json(api('/models/request-risk/best?metric=auc'));
    expect([run.version, second.version]).toContain(best.version);

    const rolledBack = await post('/models/request-risk/rollback', { version: run.version, reason: 'compare behaviour' });
    expect(await json(rolledBack)).toEqual({ model: 'request-risk', active: run.version });
    await waitFor(async () => [a.current()?.manifest.version, b.current()?.manifest.version], (v) => v.every((x) => x === run.version), { what: 'replicas rolled back' });

    const late = await replica();
    expect(late.current()?.manifest.version).toBe(run.version);
    const health = await json(api('/health'));
    expect(health.models).toEqual([
      expect.objectContaining({ model: 'request-risk', version: run.version, pending: null }),
      expect.objectContaining({ model: 'request-outliers', pending: null }),
      expect.objectContaining({ model: 'demand-forecast', version: null, pending: null }),
    ]);
  });

  it("trains the anomaly service's per-request forests, judged on incident-like versions of held-out requests", async () => {
    const run = await json(post('/schedules/request-outliers/trigger?wait=true'));
    expect(run).toMatchObject({ trigger: 'manual', outcome: 'promoted' });
    expect(run.metrics.auc).toBeGreaterThan(0.9);
    expect(run.metrics.routeForests).toBeGreaterThan(0);
    // About the configured 0.1% of ordinary held-out requests is flagged, not a flood.
    expect(run.metrics.holdoutOutlierShare).toBeLessThan(0.02);
    const versions = await json(api('/models/request-outliers/versions'));
    expect(versions).toMatchObject({ active: run.version });
    expect(versions.versions[0]).toMatchObject({ version: run.version, family: 'route-isolation-forests', status: 'promoted' });
  });

  it('rolls back by itself when the live metric reported for the active version degrades', async () => {
    const { active, previous, versions } = await json(api('/models/request-risk/versions'));
    const holdoutAuc = versions.find((v: { version: string }) => v.version === active).metrics.auc;
    for (const auc of [0.5, 0.52, 0.51]) {
      expect((await post('/models/request-risk/performance', { version: active, metrics: { auc } })).status).toBe(201);
    }
    expect(holdoutAuc).toBeGreaterThan(0.6);
    const after = await waitFor(async () => json(api('/models/request-risk/versions')), (v) => v.active === previous, { what: 'automatic rollback' });
    expect(after.previous).toBe(active);
    const [latest] = await json(api('/models/request-risk/activations'));
    expect(latest.reason).toMatch(/^rollback: auto: live auc 0\.5100 is \d+\.\d% worse than /);
  });

  it('pauses and resumes a schedule', async () => {
    expect(await json(post('/schedules/request-risk/pause'))).toMatchObject({ paused: true, nextRunAt: null });
    expect(await json(post('/schedules/request-risk/resume'))).toMatchObject({ paused: false, nextRunAt: Date.UTC(2027, 0, 1) });
  });

  it('answers bad requests with 4xx and a message that says what is wrong', async () => {
    const cases: [Response, number, RegExp][] = [
      [await post('/schedules/nope/trigger'), 404, /No training job "nope"; jobs: request-risk/],
      [await post('/models/request-risk/rollback', {}), 400, /"version" must be a non-empty string/],
      [await post('/models/request-risk/rollback', { version: 'v0-none' }), 404, /has no version "v0-none"/],
      [await post('/models/request-risk/performance', { version: 'x', metrics: { auc: 'high' } }), 400, /"metrics.auc" must be a finite number, got "high"/],
      [await post('/models/request-risk/auto-rollback', { metric: 'auc', degradation: 3 }), 400, /"degradation" must be a number >= 0 and <= 1, got 3/],
      [await api('/models/request-risk/best'), 400, /"metric" is required/],
      [await post('/models/request-risk/cleanup', { maxVersions: 1 }), 400, /"maxVersions" must be an integer >= 2, got 1/],
    ];
    for (const [res, status, message] of cases) {
      expect(res.status).toBe(status);
      expect((await json(res)).error).toMatch(message);
    }
  });
});
