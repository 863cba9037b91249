/**
 * npm run bench:anomaly — detector throughput on one core (windowed seasonal detector, per-request
 * isolation forests, the whole pipeline) and, on the local stack, the delay from the moment a
 * window can be closed (its end plus the allowed lateness, in wall-clock time: events carry the
 * time they are produced) to the anomaly arriving on the `anomalies` topic, with request logs
 * produced at 10k events/s to a real anomaly service. Prints JSON.
 */
import avro from 'avsc';
import { RouteOutlierModel, routeOutlierFamily, type ScoredRequest } from '#anomaly';
import { topics, type Anomaly, type RequestLog } from '#contracts';
import { ModelPublisher, saveModel } from '#models';
import { configureLogging } from '#telemetry';
import { perRequestThroughput, pipelineThroughput, windowedDetectorThroughput } from '../../libs/anomaly/bench/detector-throughput';
import { SyntheticRequests } from '../../libs/anomaly/bench/synthetic-requests';
import { KafkaFixture } from '../support/kafka-fixtures';
import { namespacedServiceEnv } from '../support/local-stack';
import { ServiceProcess } from '../support/service-process';
import { uniqueNamespace } from '../support/unique-names';
import { waitFor } from '../support/wait-for';

const progress = (message: string) => process.stderr.write(`[bench:anomaly] ${message}\n`);
const RATE = Number(process.env['BENCH_ANOMALY_RATE'] ?? 10_000);
const LIVE_SECONDS = Number(process.env['BENCH_ANOMALY_SECONDS'] ?? 60);
const ROUTES = 50;
const WINDOW_MS = 1000;
const LATENESS_MS = 200;
const CLOSE_AFTER_QUIET_WINDOWS = 3; // the service's default

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function endToEnd(): Promise<Record<string, unknown>> {
  const ns = uniqueNamespace('bench_anomaly');
  const kafka = await new KafkaFixture(ns.topicPrefix).setUp();
  const source = new SyntheticRequests(ROUTES, 11);

  const training: ScoredRequest[] = Array.from({ length: 50_000 }, (_, i) => source.next(i));
  const model = RouteOutlierModel.fit(training);
  const publisher = new ModelPublisher(kafka.producer, kafka.topic(topics.modelArtifacts));
  const artifact = saveModel(routeOutlierFamily, model, { model: 'request-outliers', createdAt: Date.now(), trainingWindow: null, rowCount: training.length, metrics: {}, parentVersion: null, codeVersion: 'bench' });
  await publisher.publish(artifact);
  await publisher.activate(artifact.manifest, 'bench');

  const metricsPort = 29_990;
  const service = new ServiceProcess('anomaly', {
    ...namespacedServiceEnv(ns, metricsPort),
    ANOMALY_GROUP_ID: ns.groupId,
    ANOMALY_WINDOW_MS: String(WINDOW_MS),
    ANOMALY_ALLOWED_LATENESS_MS: String(LATENESS_MS),
    ANOMALY_SOURCE_IDLE_MS: '2000',
    ANOMALY_MAX_PARTITION_SKEW_MS: '2000',
    LOG_LEVEL: 'warn',
  });
  service.start();
  await service.waitHealthy(metricsPort);

  // Warm-up: 150 windows of history (the likelihood's probation is 100 points), produced at once.
  const historyStart = Date.now() - 160_000;
  const perWindow = Math.round((RATE * WINDOW_MS) / 1000);
  for (let w = 0; w < 150; w++) {
    const events = Array.from({ length: perWindow }, (_, i) => source.next(historyStart + w * WINDOW_MS + Math.floor((i * WINDOW_MS) / perWindow)));
    await kafka.produce(topics.requestLog, events, 10_000);
  }
  progress(`history of 150 windows produced (${150 * perWindow} events)`);
  const historyEnd = historyStart + 150 * WINDOW_MS;
  await waitFor(
    async () => ((await (await fetch(`http://127.0.0.1:${metricsPort}/health`)).json()) as { detection: { watermark: number } }).detection.watermark,
    (w) => w >= historyEnd - 2 * WINDOW_MS,
    { timeoutMs: 120_000, what: 'the service to catch up with the history' },
  );

  // Anomalies as they arrive: the wall-clock time each is read.
  const arrivals: { anomaly: Anomaly; at: number }[] = [];
  const consumer = kafka.kafka.consumer({ groupId: `${ns.groupId}-reader` });
  await consumer.connect();
  await consumer.subscribe({ topic: kafka.topic(topics.anomalies), fromBeginning: false });
  const reader = avro.Type.forSchema(topics.anomalies.schema as avro.Schema);
  await consumer.run({
    eachMessage: async ({ message }) => {
      const at = Date.now();
      await kafka.codec.prefetch(new Set([kafka.codec.schemaIdOf(message.value!)]));
      arrivals.push({ anomaly: kafka.codec.decode(message.value!, reader) as Anomaly, at });
    },
  });
  await sleep(3000);
  const liveFrom = Date.now();

  // Live: events stamped with the time they are produced; every 3 s one route turns 20× slower for a second.
  const tickMs = 20;
  let produced = 0;
  let lagging = 0;
  const liveEnd = liveFrom + LIVE_SECONDS * 1000;
  let next = liveFrom;
  while (next < liveEnd) {
    const now = Date.now();
    if (now < next) await sleep(next - now);
    const second = Math.floor((Date.now() - liveFrom) / 1000);
    const slowRoute = second % 3 === 0 ? (second / 3) % ROUTES : -1;
    const count = Math.round((RATE * tickMs) / 1000);
    const events: RequestLog[] = Array.from({ length: count }, (_, i) => {
      const route = i % ROUTES;
      return source.next(Date.now(), route === slowRoute ? 20 : 1, route);
    });
    await kafka.produce(topics.requestLog, events, count);
    produced += count;
    next += tickMs;
    if (Date.now() - next > 1000) lagging++;
  }
  const achievedRate = Math.round(produced / ((Date.now() - liveFrom) / 1000));
  await sleep(3000);
  await consumer.disconnect();
  const health = (await (await fetch(`http://127.0.0.1:${metricsPort}/health`)).json()) as { detection: unknown };
  await service.stop('SIGTERM');
  await kafka.tearDown();

  const live = arrivals.filter((a) => a.anomaly.window_start >= liveFrom);
  // An open or update is decided when its last window can close; a close, when the last of the
  // quiet windows after it can (the update's window_end is the incident's last anomalous window).
  const closable = (a: Anomaly) => a.window_end + (a.status === 'closed' ? CLOSE_AFTER_QUIET_WINDOWS * WINDOW_MS : 0) + LATENESS_MS;
  const delays = live.map((a) => a.at - closable(a.anomaly));
  const inService = live.map((a) => a.anomaly.detected_at - closable(a.anomaly));
  return {
    targetEventsPerSecond: RATE,
    achievedEventsPerSecond: achievedRate,
    producerFellBehindTicks: lagging,
    windowMs: WINDOW_MS,
    allowedLatenessMs: LATENESS_MS,
    anomalyUpdates: live.length,
    opened: live.filter((a) => a.anomaly.status === 'open').length,
    delayMs: { p50: quantile(delays, 0.5), p99: quantile(delays, 0.99), max: Math.max(...delays) },
    slowest: live
      .map((a, i) => ({ status: a.anomaly.status, kind: a.anomaly.subject_kind, subject: a.anomaly.subject, secondsIntoLive: (a.anomaly.window_end - liveFrom) / 1000, delayMs: delays[i]! }))
      .sort((a, b) => b.delayMs - a.delayMs)
      .slice(0, 3),
    detectedAtMinusClosableMs: { p50: quantile(inService, 0.5), p99: quantile(inService, 0.99) },
    targetP99Ms: 250,
    service: health.detection,
  };
}

async function main(): Promise<void> {
  configureLogging({ service: 'bench-anomaly', level: 'warn' });
  progress('windowed detector, one core');
  const windowed = windowedDetectorThroughput();
  progress('per-request isolation forests, one core');
  const perRequest = perRequestThroughput();
  progress('whole pipeline, one core');
  const pipeline = pipelineThroughput();
  progress(`end to end at ${RATE} events/s for ${LIVE_SECONDS} s`);
  const e2e = await endToEnd();
  process.stdout.write(
    `${JSON.stringify(
      {
        windowedDetector: { pointsPerSecond: windowed.perSecond, points: windowed.count, targetPointsPerSecond: 500_000 },
        perRequestScoring: { requestsPerSecond: perRequest.perSecond, requests: perRequest.count, routeForests: perRequest.routeForests, flaggedShare: perRequest.flaggedShare, targetRequestsPerSecond: 200_000 },
        pipeline: { eventsPerSecond: pipeline.perSecond, events: pipeline.count },
        endToEnd: e2e,
      },
      null,
      2,
    )}\n`,
  );
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error('bench:anomaly failed:', err);
  process.exit(1);
});
