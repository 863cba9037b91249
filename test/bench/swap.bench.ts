/**
 * npm run bench:swap — time from publishing a model version to every replica serving it, for a
 * 1 MB and a 50 MB artifact, and prediction latency (p50/p99) on a replica in steady state versus
 * during the swap. Replicas are two real gateway processes; prints JSON.
 */
import { logisticRegressionFamily, LogisticRegression } from '#ml';
import { ModelPublisher, saveModel, type ModelArtifact } from '#models';
import { topics } from '#contracts';
import { configureLogging } from '#telemetry';
import { requestRiskFeatureNames } from '#training';
import { KafkaFixture } from '../support/kafka-fixtures';
import { stackEnv } from '../support/local-stack';
import { ServiceProcess } from '../support/service-process';
import { uniqueNamespace } from '../support/unique-names';
import { waitFor } from '../support/wait-for';

const progress = (message: string) => process.stderr.write(`[bench:swap] ${message}\n`);
const REQUEST = JSON.stringify({ service: 's1', method: 'GET', response_time_ms: 120, request_bytes: 300, response_bytes: 4000 });

/** A request-risk model with `services` indicator features: its size is the point, its weights are seeded noise. */
function modelOfSize(services: number, seed: number, createdAt: number): ModelArtifact {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const featureNames = requestRiskFeatureNames(Array.from({ length: services }, (_, i) => `s${i}`));
  const d = featureNames.length;
  const model = LogisticRegression.fromState({
    featureNames,
    means: Array.from({ length: d }, () => next()),
    scales: Array.from({ length: d }, () => 0.5 + next()),
    weights: Array.from({ length: d }, () => next() - 0.5),
    bias: -2,
    lossHistory: [],
  });
  return saveModel(logisticRegressionFamily, model, { model: 'request-risk', createdAt, trainingWindow: null, rowCount: 0, metrics: {}, parentVersion: null, codeVersion: 'bench' });
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function predictOnce(port: number): Promise<number> {
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/api/requests/risk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: REQUEST });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`prediction answered ${res.status}`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  configureLogging({ service: 'bench-swap', level: 'warn' });
  const ns = uniqueNamespace('swapbench');
  const kafka = await new KafkaFixture(ns.topicPrefix).setUp();
  const publisher = new ModelPublisher(kafka.producer, kafka.topic(topics.modelArtifacts));
  const env = stackEnv();
  const ports = [29_801, 29_803];
  const replicas = ports.map(
    (port) =>
      new ServiceProcess(
        'gateway',
        { KAFKA_BROKERS: env.kafkaBrokers, SCHEMA_REGISTRY_URL: env.schemaRegistryUrl, PULSE_TOPIC_PREFIX: ns.topicPrefix, GATEWAY_HTTP_PORT: String(port), METRICS_PORT: String(port + 100), LOG_LEVEL: 'warn' },
        3072,
      ),
  );
  replicas.forEach((r) => r.start());
  await Promise.all(replicas.map((r, i) => r.waitHealthy(ports[i]! + 100)));
  const served = async (port: number) => ((await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { models: { version: string | null }[] }).models[0]!.version;
  const allServing = (version: string) => waitFor(async () => Promise.all(ports.map(served)), (vs) => vs.every((v) => v === version), { timeoutMs: 300_000, intervalMs: 20, what: `all replicas on ${version}` });

  const results = [];
  // Indicator count per target size, calibrated once: about 29 payload bytes per feature.
  for (const [label, services] of [['1MB', 36_000], ['50MB', 1_820_000]] as const) {
    progress(`${label}: building two versions`);
    const before = modelOfSize(services, 1, Date.now());
    const after = modelOfSize(services, 2, Date.now() + 1);
    await publisher.publish(before);
    await publisher.activate(before.manifest, 'bench: baseline');
    await allServing(before.manifest.version);

    progress(`${label}: steady-state latency`);
    const steady: number[] = [];
    for (let i = 0; i < 100; i++) steady.push(await predictOnce(ports[0]!));

    progress(`${label}: publishing ${(after.payload.length / 2 ** 20).toFixed(1)} MiB and measuring the swap`);
    const during: number[] = [];
    let loading = true;
    const load = (async () => {
      while (loading) during.push(await predictOnce(ports[0]!));
    })();
    const published = performance.now();
    await publisher.publish(after);
    await publisher.activate(after.manifest, 'bench: swap');
    const announced = performance.now();
    await allServing(after.manifest.version);
    const serving = performance.now();
    loading = false;
    await load;
    results.push({
      artifact: label,
      payloadBytes: after.payload.length,
      features: services + 6,
      publishMs: Math.round(announced - published),
      publicationToAllServingMs: Math.round(serving - published),
      steadyLatencyMs: { p50: Number(quantile(steady, 0.5).toFixed(2)), p99: Number(quantile(steady, 0.99).toFixed(2)), n: steady.length },
      duringSwapLatencyMs: { p50: Number(quantile(during, 0.5).toFixed(2)), p99: Number(quantile(during, 0.99).toFixed(2)), n: during.length },
    });
  }
  await Promise.all(replicas.map((r) => r.stop('SIGTERM')));
  await kafka.tearDown();
  process.stdout.write(`${JSON.stringify({ benchmark: 'swap', replicas: ports.length, chunkBytes: 512 * 1024, results }, null, 2)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
