import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseAdapter, ident, runMigrations, sql } from '#clickhouse';
import { topics, type AttributeSpec, type Feedback } from '#contracts';
import { Random, randomAttributeSpec } from '#generator';
import { loggerFor } from '#telemetry';
import { KafkaFixture } from '../support/kafka-fixtures';
import { namespacedServiceEnv } from '../support/local-stack';
import { ServiceProcess } from '../support/service-process';
import { uniqueNamespace } from '../support/unique-names';
import { waitFor } from '../support/wait-for';

const ns = uniqueNamespace('feedback');
const httpPort = 29_900 + Math.floor(Math.random() * 200);
const metricsPort = httpPort + 300;
const env: Record<string, string> = { ...namespacedServiceEnv(ns, metricsPort), FEEDBACK_HTTP_PORT: String(httpPort), FEEDBACK_SNAPSHOT_INTERVAL_MS: '3600000', FEEDBACK_COMMIT_INTERVAL_MS: '100' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field below
type Json = any;
async function post(path: string, body: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`http://127.0.0.1:${httpPort}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}
const get = async (path: string): Promise<{ status: number; body: Json }> => {
  const res = await fetch(`http://127.0.0.1:${httpPort}${path}`);
  return { status: res.status, body: await res.json() };
};

const DRESS: AttributeSpec = { garment_type: 'dress', silhouette: 'A-line', neckline: 'V-neck', sleeve_length: 'sleeveless', length: 'midi', color_primary: 'black', finish: 'matte', style_overall: 'elegant', mood: 'sophisticated', extra: {} };
const BASE_PROMPT = 'black A-line midi dress, V-neck, sleeveless, matte finish, elegant, studio lighting, clean background';
const USER = 'designer-7';

/**
 * A designer who likes assets shot with soft dramatic lighting and dislikes the rest: the taste
 * the reward model must pick up from the feedback topic and the optimiser must then serve.
 */
function designerFeedback(count: number): Feedback[] {
  const rng = Random.derive(7, 'designer');
  const lights = ['soft dramatic lighting', 'studio lighting', 'soft natural window light', 'bright and clean light'];
  return Array.from({ length: count }, (_, i) => {
    const attributes = randomAttributeSpec(rng);
    const light = lights[i % lights.length]!;
    return {
      event_id: `fb-${ns.id}-${i}`,
      event_time: Date.now() - (count - i) * 1_000,
      user_id: USER,
      asset_id: `asset-${i}`,
      generation_id: null,
      feedback_type: light === 'soft dramatic lighting' ? ('like' as const) : ('dislike' as const),
      rating: null,
      quality_score: 0.7,
      prompt: `${attributes.color_primary} ${attributes.garment_type}, ${light}, clean background`,
      attributes,
    };
  });
}

describe('services/feedback: the reward model learns from the feedback topic and serves the ML API', () => {
  let clickhouse: ClickHouseAdapter;
  let kafka: KafkaFixture;
  let service: ServiceProcess;

  beforeAll(async () => {
    clickhouse = new ClickHouseAdapter({ url: env.CLICKHOUSE_URL!, database: ns.database });
    await runMigrations(clickhouse, { logger: loggerFor('migrations') });
    kafka = await new KafkaFixture(ns.topicPrefix).setUp();
    service = new ServiceProcess('feedback', env);
    service.start();
    await service.waitHealthy(metricsPort);
  }, 120_000);

  afterAll(async () => {
    await service?.stop('SIGTERM');
    await kafka?.tearDown();
    await clickhouse?.command(sql`DROP DATABASE IF EXISTS ${ident(ns.database)}`);
    await clickhouse?.close();
  });

  it('answers bad input on every endpoint with a 400 that names the field', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['/api/ml/prompt/optimize', { user_id: USER, vlt_spec: DRESS }, /"base_prompt" must be a non-empty string/],
      ['/api/ml/prompt/optimize', { base_prompt: 'x', vlt_spec: { garment_type: 3 } }, /"vlt_spec.garment_type" must be a string/],
      ['/api/ml/prompt/optimize', { base_prompt: 'x', feedback_history: [{ prompt: 'y' }] }, /"feedback_history\[0\]" needs "liked"/],
      ['/api/ml/feedback/submit', { user_id: USER, asset_id: 'a1', feedback_type: 'love', prompt_used: 'x' }, /"feedback_type" must be one of like, dislike, outlier, rating/],
      ['/api/ml/feedback/submit', { user_id: USER, asset_id: 'a1', feedback_type: 'rating', prompt_used: 'x' }, /"rating" is required when feedback_type is rating/],
      ['/api/ml/style-profile/create', { user_id: USER, vlt_records: [] }, /"vlt_records" must be a non-empty array/],
      ['/api/ml/validate', { target_vlt: DRESS, images: [{ id: 'i1' }] }, /asset "i1" has no "vlt"/],
      ['/api/ml/select/diverse', { images: [{ id: 'i1', vlt: DRESS }], target_count: 2 }, /"target_count" must be an integer >= 1 and <= 1/],
      ['/api/ml/select/diverse', { images: [{ id: 'i1', vlt: DRESS, quality_score: 2 }], target_count: 1 }, /"images\[0\].quality_score" must be a number within 0–1/],
    ];
    for (const [path, body, message] of cases) {
      const res = await post(path, body);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.error).toMatch(message);
    }
    expect((await get('/api/ml/style-profile/nobody')).status).toBe(404);
  });

  it('learns from feedback on the topic: the served prompt ranking changes, and a new reward-model version is published', async () => {
    const request = { user_id: USER, base_prompt: BASE_PROMPT, vlt_spec: DRESS };
    const before = await post('/api/ml/prompt/optimize', request);
    expect(before.status).toBe(200);
    expect(before.body.top).toHaveLength(3);

    const events = designerFeedback(400);
    await kafka.produce(topics.feedback, events);
    await waitFor(async () => (await get('/api/ml/rlhf/status')).body.learned, (n) => n === events.length, { what: 'every feedback event learned' });

    const after = await post('/api/ml/prompt/optimize', request);
    expect(after.body.prompt).toMatch(/soft dramatic lighting/);
    expect(after.body.confidence).toBeGreaterThan(0.7);
    expect(after.body.confidence).toBeGreaterThan(before.body.confidence + 0.2);
    expect(after.body.predicted_improvement).toBeGreaterThan(0);
    expect(after.body.adjustments.join(' ')).toMatch(/soft dramatic lighting/);
    const ranks = (o: Json) => o.top.map((t: { prompt: string }) => t.prompt);
    expect(ranks(after.body)).not.toEqual(ranks(before.body));

    const snapshot = await post('/api/ml/rlhf/train', {});
    expect(snapshot.body).toMatchObject({ published: true, version: expect.stringMatching(/^v\d{14}-/), status: { learned: events.length, metrics: { users: 1 } } });
    expect(snapshot.body.status.metrics.logLoss).toBeLessThan(0.5);
    const versions = await clickhouse.query<{ version: string; status: string }>(sql`SELECT version, status FROM model_versions FINAL WHERE model = 'feedback-reward'`);
    expect(versions).toContainEqual({ version: snapshot.body.version, status: 'promoted' });
    expect(await clickhouse.query(sql`SELECT count() AS n FROM feedback_learning FINAL WHERE user_id = ${USER}`)).toEqual([{ n: String(events.length) }]);
    expect((await post('/api/ml/rlhf/train', {})).body).toMatchObject({ published: false, version: snapshot.body.version });

    // The state survives a restart: the new process resumes from the published version.
    await service.stop('SIGTERM');
    service.start();
    await service.waitHealthy(metricsPort);
    const resumed = (await get('/api/ml/rlhf/status')).body;
    expect(resumed).toMatchObject({ role: 'learner', version: snapshot.body.version, metrics: { events: events.length, users: 1 } });
    expect((await post('/api/ml/prompt/optimize', request)).body.prompt).toBe(after.body.prompt);

    // A serving replica (no learning) serves the same version, and refuses to publish one.
    const replicaPort = httpPort + 100;
    const replica = new ServiceProcess('feedback', { ...namespacedServiceEnv(ns, metricsPort + 100), FEEDBACK_HTTP_PORT: String(replicaPort), FEEDBACK_LEARN: 'false' });
    replica.start();
    try {
      await replica.waitHealthy(metricsPort + 100);
      const onReplica = async (path: string, body?: unknown) => {
        const res = await fetch(`http://127.0.0.1:${replicaPort}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as Json };
      };
      expect((await onReplica('/api/ml/rlhf/status')).body).toMatchObject({ role: 'replica', version: snapshot.body.version, metrics: { events: events.length } });
      expect((await onReplica('/api/ml/prompt/optimize', request)).body).toMatchObject({ prompt: after.body.prompt, model_version: snapshot.body.version });
      expect((await onReplica('/api/ml/rlhf/train', {})).status).toBe(409);
    } finally {
      await replica.stop('SIGTERM');
    }

    // Feedback through the API takes the same path.
    const submitted = await post('/api/ml/feedback/submit', { user_id: USER, asset_id: 'a-http', feedback_type: 'rating', rating: 5, prompt_used: 'red gown, dramatic side lighting', vlt_spec: { garment_type: 'gown', color_primary: 'red' } });
    expect(submitted).toMatchObject({ status: 202, body: { accepted: true, event_id: expect.any(String) } });
    await waitFor(async () => (await get('/api/ml/rlhf/status')).body.metrics.events, (n) => n === events.length + 1, { what: 'the submitted feedback learned' });
  }, 180_000);

  it('keeps style profiles, validates batches and picks diverse sets, with every decision in ClickHouse', async () => {
    const rng = Random.derive(3, 'portfolio');
    const portfolio = Array.from({ length: 60 }, (_, i) => {
      const spec = randomAttributeSpec(rng);
      // Seed 004's nested VLT record form.
      return { id: String(i), garment_type: spec.garment_type, attributes: { silhouette: spec.silhouette, neckline: spec.neckline, sleeveLength: spec.sleeve_length, length: spec.length }, colors: { primary: spec.color_primary, finish: spec.finish }, style: { overall: spec.style_overall, mood: spec.mood } };
    });
    const created = await post('/api/ml/style-profile/create', { user_id: USER, vlt_records: portfolio });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ user_id: USER, revision: 1, statistics: { total_records: 60 } });
    expect(created.body.n_clusters).toBeGreaterThanOrEqual(1);
    expect(created.body.clusters[0]).toMatchObject({ style_summary: expect.any(String), dominant_attributes: expect.any(Object) });
    const updated = await post('/api/ml/style-profile/update', { user_id: USER, vlt_records: portfolio.slice(0, 10) });
    expect(updated.body).toMatchObject({ revision: 2, updates: 1, n_clusters: created.body.n_clusters, statistics: { total_records: 70 } });
    expect((await get(`/api/ml/style-profile/${USER}`)).body).toMatchObject({ revision: 2, statistics: { total_records: 70 } });
    expect(await clickhouse.query(sql`SELECT revision FROM style_profiles FINAL WHERE user_id = ${USER} ORDER BY revision`)).toEqual([{ revision: 1 }, { revision: 2 }]);
    // The stored profile steers prompt optimisation by the spec's style mode.
    expect((await post('/api/ml/prompt/optimize', { user_id: USER, base_prompt: BASE_PROMPT, vlt_spec: DRESS })).body.metadata.style_mode).toEqual(expect.any(String));

    const images = [
      ...Array.from({ length: 18 }, (_, i) => ({ id: `ok-${i}`, vlt: { ...DRESS, mood: i % 2 ? 'sophisticated' : 'serene' }, quality_score: 0.5 + i / 40 })),
      { id: 'off-1', vlt: { ...DRESS, garment_type: 'jacket', silhouette: 'boxy', color_primary: 'red', style_overall: 'edgy' }, quality_score: 0.9 },
    ];
    const validation = await post('/api/ml/validate', { generation_id: 'g-1', target_vlt: DRESS, images });
    expect(validation.status).toBe(200);
    const off = validation.body.validations.find((v: Json) => v.asset_id === 'off-1');
    expect(off).toMatchObject({ is_rejected: true });
    expect(off.reasons.join(' ')).toMatch(/garment_type is jacket, target dress/);
    expect(validation.body.summary).toMatchObject({ total: 19 });

    const candidates = Array.from({ length: 30 }, (_, i) => ({ id: `c-${i}`, vlt: randomAttributeSpec(rng), quality_score: 0.4 + (i % 5) / 10 }));
    const selection = await post('/api/ml/select/diverse', { images: candidates, target_count: 4 });
    expect(selection.status).toBe(200);
    expect(selection.body.selected).toHaveLength(4);
    expect(new Set(selection.body.selected.map((s: Json) => s.attributes.garment_type)).size).toBeGreaterThan(1);
    expect(selection.body.coverage.overall).toBeGreaterThan(0);

    const traced = await clickhouse.query<{ endpoint: string }>(sql`SELECT endpoint FROM ml_requests FINAL WHERE has(${[validation.body.request_id, selection.body.request_id]}, request_id) ORDER BY endpoint`);
    expect(traced.map((r) => r.endpoint)).toEqual(['select/diverse', 'validate']);

    // Seed 002's behaviour segments: browsers, buyers and window-shoppers with favourites.
    const rng2 = Random.derive(4, 'behaviour');
    const around = (mean: number) => Math.max(0, Math.round(mean * rng2.uniform(0.7, 1.3)));
    const users = Array.from({ length: 150 }, (_, i) => {
      const kind = i % 3;
      return { user_id: `shopper-${i}`, logins: around([40, 10, 5][kind]!), purchases: around([1, 12, 0.5][kind]!), cart_adds: around([3, 20, 2][kind]!), favourites: around([2, 3, 30][kind]!) };
    });
    const segments = await post('/api/ml/user-segments/fit', { users });
    expect(segments.status).toBe(200);
    expect(segments.body).toMatchObject({ k: 3, criterion: 'silhouette', version: expect.stringMatching(/^v\d{14}-/) });
    expect(segments.body.segments.map((s: Json) => s.size).sort()).toEqual([50, 50, 50]);
    await waitFor(async () => (await get('/api/ml/user-segments')).body.version, (v) => v === segments.body.version, { what: 'the fitted segments served' });
    const assigned = await post('/api/ml/user-segments/assign', { users: [users[1], users[4]] });
    expect(assigned.body.assignments[0].segment_id).toBe(assigned.body.assignments[1].segment_id);
  });
});
