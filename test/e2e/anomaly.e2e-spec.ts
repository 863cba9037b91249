import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RouteOutlierModel, evaluateIncidents, routeOutlierFamily, type IncidentUpdate, type ScoredRequest } from '#anomaly';
import { ClickHouseAdapter, ident, runMigrations, sql } from '#clickhouse';
import { DAY_MS, HOUR_MS, MINUTE_MS, createTraffic, type Traffic } from '#generator';
import { ModelPublisher, ModelVersionStore, saveModel } from '#models';
import { loggerFor } from '#telemetry';
import { topics } from '#contracts';
import { KafkaFixture } from '../support/kafka-fixtures';
import { namespacedServiceEnv, stackEnv } from '../support/local-stack';
import { ServiceProcess } from '../support/service-process';
import { produceRequestLogs } from '../support/traffic-producer';
import { uniqueNamespace } from '../support/unique-names';
import { waitFor } from '../support/wait-for';

const ns = uniqueNamespace('anomaly');
const metricsPort = 29_700 + Math.floor(Math.random() * 300);

// Day 1 from 08:00 warms the time-of-day baselines; day 2 has an ordinary morning, then one incident
// of each scenario between 10:00 and 16:00, then ordinary traffic again after a restart.
const DAY1 = Date.UTC(2026, 9, 5); // a Monday
const HISTORY_FROM = DAY1 + 8 * HOUR_MS;
const DAY2 = DAY1 + DAY_MS;
const QUIET_HOUR = { from: DAY2 + 9 * HOUR_MS, to: DAY2 + 10 * HOUR_MS };
const INCIDENTS = { from: DAY2 + 10 * HOUR_MS, to: DAY2 + 16 * HOUR_MS };
const BEFORE_RESTART = DAY2 + 16 * HOUR_MS + 30 * MINUTE_MS;
const AFTER_RESTART = BEFORE_RESTART + 40 * MINUTE_MS;
/** Stated limit of alerts in an hour of ordinary traffic. */
const MAX_ALERTS_PER_QUIET_HOUR = 2;

interface AnomalyRow {
  anomaly_id: string;
  revision: string;
  status: 'open' | 'updated' | 'closed';
  subject_kind: string;
  subject: string;
  window_start_ms: string;
  window_end_ms: string;
  score: number;
  severity: string;
  explanation: string;
  feature_names: string[];
  detector: string;
  model_version: string;
}

describe('services/anomaly: request logs in, incidents out, with labelled attacks from the generator', () => {
  let clickhouse: ClickHouseAdapter;
  let kafka: KafkaFixture;
  let traffic: Traffic;
  let service: ServiceProcess;
  const env = stackEnv();
  const serviceEnv = {
    ...namespacedServiceEnv(ns, metricsPort),
    ANOMALY_GROUP_ID: ns.groupId,
    // Produced history arrives all at once: no partition counts as idle while it is read.
    ANOMALY_SOURCE_IDLE_MS: '60000',
  };

  const health = async (): Promise<{ detection: { watermark: number; windowsScored: number; trackedSubjects: number; lateEvents: number; versions: { baselines: string; outliers: string } } }> =>
    (await fetch(`http://127.0.0.1:${metricsPort}/health`)).json() as never;
  const scoredUpTo = (time: number) =>
    waitFor(async () => (await health()).detection.watermark, (w) => w >= time, { timeoutMs: 240_000, intervalMs: 500, what: `windows scored up to ${new Date(time).toISOString()}` });

  async function anomalies(): Promise<AnomalyRow[]> {
    return clickhouse.query<AnomalyRow>(
      sql`SELECT anomaly_id, revision, status, subject_kind, subject, window_start_ms, window_end_ms, score, severity, explanation, feature_names, detector, model_version
          FROM ${ident('anomalies')} FINAL ORDER BY window_end_ms, anomaly_id, revision`,
    );
  }
  const asUpdate = (r: AnomalyRow): IncidentUpdate => ({
    eventId: `${r.anomaly_id}-${r.revision}`,
    anomalyId: r.anomaly_id,
    revision: Number(r.revision),
    status: r.status,
    subjectKind: r.subject_kind as IncidentUpdate['subjectKind'],
    subject: r.subject,
    windowStart: Number(r.window_start_ms),
    windowEnd: Number(r.window_end_ms),
    score: r.score,
    severity: r.severity as IncidentUpdate['severity'],
    detector: r.detector,
    features: r.feature_names.map((name) => ({ name, value: 0, expected: 0, contribution: 0 })),
    explanation: r.explanation,
  });

  beforeAll(async () => {
    clickhouse = new ClickHouseAdapter({ url: env.clickhouseUrl, database: ns.database });
    await runMigrations(clickhouse, { logger: loggerFor('migrations') });
    kafka = await new KafkaFixture(ns.topicPrefix).setUp();
    traffic = createTraffic({
      seed: 11,
      start: HISTORY_FROM,
      end: AFTER_RESTART,
      requestsPerSecond: 10,
      salesLinesPerSecond: 0,
      feedbackPerSecond: 0,
      incidents: [
        { scenario: 'latency-spike', subject: 'web/search' },
        { scenario: 'error-burst', subject: 'api' },
        { scenario: 'scraping-bot' },
        { scenario: 'payload-flood', subject: 'web/cart' },
        { scenario: 'slow-drift', subject: 'web/category/:slug' },
      ],
      incidentWindow: INCIDENTS,
    });

    // The per-request model as the trainer would publish it: fitted on day 1, activated through the lifecycle's topic and tables.
    const sample: ScoredRequest[] = [];
    for (const batch of traffic.batches()) {
      if (batch.from >= DAY2) break;
      for (const e of batch.events) if (e.topic === 'request-log') sample.push(e.value);
    }
    const artifact = saveModel(routeOutlierFamily, RouteOutlierModel.fit(sample), {
      model: 'request-outliers',
      createdAt: Date.now(),
      trainingWindow: { start: HISTORY_FROM, end: DAY2 },
      rowCount: sample.length,
      metrics: { auc: 1 },
      parentVersion: null,
      codeVersion: 'test',
    });
    const publisher = new ModelPublisher(kafka.producer, kafka.topic(topics.modelArtifacts));
    await publisher.publish(artifact);
    await publisher.activate(artifact.manifest, 'test: fitted on day 1');
    await new ModelVersionStore(clickhouse).record(artifact.manifest, 'promoted', 'test');

    service = new ServiceProcess('anomaly', serviceEnv);
    service.start();
    await service.waitHealthy(metricsPort);
  }, 180_000);

  afterAll(async () => {
    await service?.stop('SIGTERM');
    await kafka?.tearDown();
    await clickhouse?.command(sql`DROP DATABASE IF EXISTS ${ident(ns.database)}`);
    await clickhouse?.close();
  });

  it('finds every injected incident on its subject within a bounded delay, and stays quiet in an ordinary hour', async () => {
    const produced = await produceRequestLogs(kafka, traffic, HISTORY_FROM, BEFORE_RESTART);
    expect(produced).toBeGreaterThan(500_000);
    await scoredUpTo(BEFORE_RESTART - 2 * MINUTE_MS);

    // Partitions are read at their own pace, yet no window closes before all have delivered its events.
    expect((await health()).detection.lateEvents).toBe(0);
    const rows = await anomalies();
    const truth = traffic.groundTruth().incidents;
    const evaluation = evaluateIncidents(truth, rows.filter((r) => Number(r.window_end_ms) > INCIDENTS.from).map(asUpdate));
    const report = evaluation.incidents.map((d) => `${d.scenario} on ${d.subject}: ${d.detected ? `after ${Math.round(d.delayMs! / 1000)} s` : 'MISSED'}`);
    for (const detection of evaluation.incidents) {
      expect(detection.detected, report.join('\n')).toBe(true);
      // Sudden incidents within five windows; a slow drift before it has run half its course.
      const incident = truth.find((t) => t.scenario === detection.scenario)!;
      const bound = detection.scenario === 'slow-drift' ? (incident.end - incident.start) / 2 : 5 * MINUTE_MS;
      expect(detection.delayMs!, report.join('\n')).toBeLessThanOrEqual(bound);
    }
    expect(evaluation.falseAlerts, evaluation.falseAlertUpdates.map((u) => u.explanation).join('\n')).toBeLessThanOrEqual(3);

    const quietHour = rows.filter((r) => r.status === 'open' && Number(r.window_start_ms) >= QUIET_HOUR.from && Number(r.window_end_ms) <= QUIET_HOUR.to);
    expect(quietHour.length, quietHour.map((r) => r.explanation).join('\n')).toBeLessThanOrEqual(MAX_ALERTS_PER_QUIET_HOUR);

    // One incident is one anomaly: opened once, updated, closed once; every update names its drivers and model version.
    const byId = new Map<string, AnomalyRow[]>();
    for (const r of rows) {
      const updates = byId.get(r.anomaly_id);
      if (updates) updates.push(r);
      else byId.set(r.anomaly_id, [r]);
    }
    for (const [id, updates] of byId) {
      expect(updates.filter((u) => u.status === 'open'), id).toHaveLength(1);
      expect(updates.filter((u) => u.status === 'closed').length, id).toBeLessThanOrEqual(1);
    }
    const bot = truth.find((t) => t.scenario === 'scraping-bot')!;
    const botAnomaly = rows.find((r) => r.subject === bot.subject && r.status === 'open')!;
    expect(botAnomaly).toMatchObject({ subject_kind: 'client', detector: 'seasonal-baseline' });
    expect(botAnomaly.feature_names[0]).toBe('busiest_client_requests_per_second');
    const spike = rows.find((r) => r.subject === 'web/search' && r.subject_kind === 'route' && r.status === 'open' && Number(r.window_end_ms) > INCIDENTS.from)!;
    expect(spike.feature_names[0]).toBe('latency_p95_ms');
    expect(spike.explanation).toContain('web/search');
    const perRequest = rows.filter((r) => r.detector === 'isolation-forest');
    expect(perRequest.length).toBeGreaterThan(0);
    expect(perRequest.every((r) => r.model_version.startsWith('v'))).toBe(true);
  }, 420_000);

  it('resumes warm after a restart: the state checkpoint is loaded and no cold-start burst follows', async () => {
    expect(await service.stop('SIGTERM')).toBe(0);
    const store = new ModelVersionStore(clickhouse);
    const [checkpoint] = await store.list('anomaly-baselines');
    expect(checkpoint).toMatchObject({ status: 'promoted', family: 'anomaly-pipeline-state' });
    expect(checkpoint!.metrics['trackedSubjects']).toBeGreaterThan(10);

    service = new ServiceProcess('anomaly', serviceEnv);
    service.start();
    await service.waitHealthy(metricsPort);
    const resumed = await health();
    expect(resumed.detection.versions.baselines).toBe(checkpoint!.version);
    expect(resumed.detection.trackedSubjects).toBeGreaterThan(10);
    expect(service.linesContaining('resumed from the active state checkpoint')).toHaveLength(1);

    const before = (await anomalies()).filter((r) => r.status === 'open').length;
    await produceRequestLogs(kafka, traffic, BEFORE_RESTART, AFTER_RESTART);
    await scoredUpTo(AFTER_RESTART - 2 * MINUTE_MS);
    expect((await health()).detection.lateEvents).toBe(0);
    const opened = (await anomalies()).filter((r) => r.status === 'open' && Number(r.window_start_ms) >= BEFORE_RESTART);
    expect(opened.length, opened.map((r) => r.explanation).join('\n')).toBeLessThanOrEqual(1);
    expect((await anomalies()).filter((r) => r.status === 'open').length).toBe(before + opened.length);
  }, 300_000);
});
