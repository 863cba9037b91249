import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseAdapter, ident, runMigrations, sql } from '#clickhouse';
import { loggerFor } from '#telemetry';
import { topics } from '#contracts';
import { LogisticRegression, logisticRegressionFamily } from '#ml';
import { ModelPublisher, saveModel } from '#models';
import { KafkaFixture } from '../support/kafka-fixtures';
import { stackEnv } from '../support/local-stack';
import { seedRequestLogs } from '../support/request-log-fixture';
import { ServiceProcess } from '../support/service-process';
import { uniqueNamespace } from '../support/unique-names';
import { waitFor } from '../support/wait-for';

const ns = uniqueNamespace('serving');
const base = 29_600 + Math.floor(Math.random() * 200) * 2;
const ports = { trainer: base, trainerMetrics: base + 1, a: base + 400, aMetrics: base + 401, b: base + 800, bMetrics: base + 801 };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
const json = async (res: Response | Promise<Response>): Promise<any> => (await res).json();
const post = (port: number, path: string, body?: unknown) =>
  fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const servedVersion = async (port: number): Promise<string | null> => (await json(fetch(`http://127.0.0.1:${port}/health`))).models[0].version;
const REQUEST = { service: 'api', method: 'POST', response_time_ms: 850, request_bytes: 2048, response_bytes: 512 };

describe('model serving processes: train, publish, swap everywhere, restart, refuse bad artifacts, roll back', () => {
  let clickhouse: ClickHouseAdapter;
  let kafka: KafkaFixture;
  const processes: ServiceProcess[] = [];
  const env = () => {
    const s = stackEnv();
    return { KAFKA_BROKERS: s.kafkaBrokers, SCHEMA_REGISTRY_URL: s.schemaRegistryUrl, CLICKHOUSE_URL: s.clickhouseUrl, CLICKHOUSE_DATABASE: ns.database, PULSE_TOPIC_PREFIX: ns.topicPrefix };
  };
  const gateway = (name: 'a' | 'b') => {
    const p = new ServiceProcess('gateway', { ...env(), GATEWAY_HTTP_PORT: String(ports[name]), METRICS_PORT: String(ports[`${name}Metrics`]) });
    processes.push(p);
    return p;
  };

  beforeAll(async () => {
    clickhouse = new ClickHouseAdapter({ url: stackEnv().clickhouseUrl, database: ns.database });
    await runMigrations(clickhouse, { logger: loggerFor('migrations') });
    await seedRequestLogs(clickhouse);
    kafka = await new KafkaFixture(ns.topicPrefix).setUp();
    const trainer = new ServiceProcess('trainer', { ...env(), TRAINER_HTTP_PORT: String(ports.trainer), METRICS_PORT: String(ports.trainerMetrics), TRAINER_REQUEST_RISK_CRON: '0 0 1 1 *' });
    processes.push(trainer);
    trainer.start();
    await trainer.waitHealthy(ports.trainerMetrics);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGTERM')));
    await kafka?.tearDown();
    await clickhouse?.command(sql`DROP DATABASE IF EXISTS ${ident(ns.database)}`);
    await clickhouse?.close();
  });

  it('keeps every gateway on the active version through retraining, restarts, corruption and rollback', async () => {
    const [a, b] = [gateway('a'), gateway('b')];
    a.start();
    b.start();
    await Promise.all([a.waitHealthy(ports.aMetrics), b.waitHealthy(ports.bMetrics)]);
    const before = await post(ports.a, '/api/requests/risk', REQUEST);
    expect(before.status).toBe(503);
    expect((await json(before)).error).toMatch(/No version of the request-risk model is active yet/);

    const v1 = await json(post(ports.trainer, '/schedules/request-risk/trigger?wait=true'));
    expect(v1.outcome).toBe('promoted');
    const bothOn = (version: string, what: string) =>
      waitFor(async () => Promise.all([servedVersion(ports.a), servedVersion(ports.b)]), (vs) => vs.every((v) => v === version), { what });
    await bothOn(v1.version, 'both gateways on v1');

    // Swap under load: every answer is a 200 from one whole version, and v1 never comes back after v2.
    const answers: { status: number; version?: string }[] = [];
    let loading = true;
    const load = (async () => {
      while (loading) {
        const res = await post(ports.a, '/api/requests/risk', REQUEST);
        const body = await json(res);
        answers.push({ status: res.status, version: body.version });
      }
    })();
    const v2 = await json(post(ports.trainer, '/schedules/request-risk/trigger?wait=true'));
    await bothOn(v2.version, 'both gateways on v2');
    await waitFor(async () => answers.at(-1)?.version, (v) => v === v2.version, { what: 'answers from v2' });
    loading = false;
    await load;
    expect(answers.length).toBeGreaterThan(20);
    expect(answers.filter((x) => x.status !== 200)).toEqual([]);
    const firstV2 = answers.findIndex((x) => x.version === v2.version);
    expect(answers.slice(0, firstV2).every((x) => x.version === v1.version)).toBe(true);
    expect(answers.slice(firstV2).every((x) => x.version === v2.version)).toBe(true);

    // A restarted gateway is on the active version as soon as it is healthy.
    expect(await b.stop('SIGTERM')).toBe(0);
    const b2 = gateway('b');
    b2.start();
    await b2.waitHealthy(ports.bMetrics);
    expect(await servedVersion(ports.b)).toBe(v2.version);

    // A corrupted artifact is refused with a clear log line; the gateways keep answering from v2.
    const model = LogisticRegression.fit(['log_response_time_ms'], [[1], [2], [3], [4]], [0, 0, 1, 1]);
    const bad = saveModel(logisticRegressionFamily, model, { model: 'request-risk', createdAt: Date.now(), trainingWindow: null, rowCount: 4, metrics: { auc: 1 }, parentVersion: null, codeVersion: 'test' });
    const publisher = new ModelPublisher(kafka.producer, kafka.topic(topics.modelArtifacts));
    await publisher.publish({ manifest: bad.manifest, payload: Buffer.from(bad.payload).fill(7, 12, 30) });
    await publisher.activate(bad.manifest, 'bad build');
    await waitFor(async () => a.linesContaining('artifact rejected; the previous version keeps serving').length, (n) => n > 0, { what: 'a rejection logged' });
    expect(a.linesContaining('artifact rejected')[0]).toContain(`Rejected request-risk ${bad.manifest.version} (checksum)`);
    const health = await json(fetch(`http://127.0.0.1:${ports.a}/health`));
    expect(health.models[0]).toMatchObject({ version: v2.version, lastFailure: { version: bad.manifest.version, reason: 'checksum' } });
    expect((await json(post(ports.b, '/api/requests/risk', REQUEST))).version).toBe(v2.version);

    // Rollback through the trainer moves every gateway.
    expect((await post(ports.trainer, '/models/request-risk/rollback', { version: v1.version })).status).toBe(200);
    await bothOn(v1.version, 'both gateways back on v1');
  });

  it('rejects malformed prediction requests with the field at fault', async () => {
    const res = await post(ports.a, '/api/requests/risk', { service: 'api', response_time_ms: -1 });
    expect(res.status).toBe(400);
    expect((await json(res)).error).toBe('"response_time_ms" must be a number >= 0, got -1');
  });
});
