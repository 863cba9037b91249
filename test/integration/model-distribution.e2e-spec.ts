import { afterEach, describe, expect, it } from 'vitest';
import { topics } from '#contracts';
import { LogisticRegression, logisticRegressionFamily } from '#ml';
import { ModelFamilies, ModelHolder, ModelPublisher, ModelSubscriber, decodeState, saveModel, toChunkRecords, type ModelArtifact, type ModelFamily } from '#models';
import { KafkaFixture } from '../support/kafka-fixtures';
import { uniqueNamespace } from '../support/unique-names';
import { waitFor } from '../support/wait-for';

const families = new ModelFamilies([logisticRegressionFamily as ModelFamily<unknown>]);
const PROBE = [0.3, -1.2];

/** A real model trained on data with a given slope, so each version predicts differently. */
function trainedVersion(slope: number, createdAt: number): ModelArtifact {
  let s = Math.round(slope * 1000) + 7;
  const uniform = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const rows = Array.from({ length: 400 }, () => [uniform() * 4 - 2, uniform() * 4 - 2]);
  const labels = rows.map((r) => (uniform() < 1 / (1 + Math.exp(-(slope * r[0]! - r[1]!))) ? 1 : 0));
  const model = LogisticRegression.fit(['x', 'y'], rows, labels);
  return saveModel(logisticRegressionFamily, model, { model: 'demo-classifier', createdAt, trainingWindow: null, rowCount: rows.length, metrics: {}, parentVersion: null, codeVersion: 'test' });
}

type Replica = { holder: ModelHolder<LogisticRegression>; subscriber: ModelSubscriber };

describe('model distribution over the model-artifacts topic', () => {
  let fixture: KafkaFixture | undefined;
  const replicas: Replica[] = [];
  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((r) => r.subscriber.stop()));
    await fixture?.tearDown();
  });

  async function replica(kafka: KafkaFixture): Promise<Replica> {
    const holder = new ModelHolder<LogisticRegression>('demo-classifier', families);
    const subscriber = new ModelSubscriber(kafka.kafka, kafka.codec, kafka.topic(topics.modelArtifacts), [holder as ModelHolder<unknown>]);
    const r = { holder, subscriber };
    replicas.push(r);
    await subscriber.start();
    return r;
  }

  const served = (r: Replica) => r.holder.current()?.manifest.version;

  it('every replica swaps to each activated version, a restarted one comes back on it, bad artifacts are refused, rollback moves everyone', async () => {
    const { topicPrefix } = uniqueNamespace('models');
    fixture = await new KafkaFixture(topicPrefix).setUp();
    const publisher = new ModelPublisher(fixture.producer, fixture.topic(topics.modelArtifacts), 300); // tiny chunks: several per version
    const v1 = trainedVersion(1, Date.UTC(2026, 10, 1));
    const v2 = trainedVersion(-2, Date.UTC(2026, 10, 2));
    expect(toChunkRecords(v1, 300).length).toBeGreaterThan(1);

    const a = await replica(fixture);
    const b = await replica(fixture);
    expect(served(a)).toBeUndefined();

    await publisher.publish(v1);
    await publisher.activate(v1.manifest, 'first version');
    await waitFor(async () => [served(a), served(b)], (s) => s.every((v) => v === v1.manifest.version), { what: 'both replicas on v1' });

    // Swap under load: predictions keep flowing and each comes whole from one version.
    const expected = new Set((await Promise.all([v1, v2].map((v) => decodeState(logisticRegressionFamily, v.manifest, v.payload)))).map((m) => m.predictProbability(PROBE)));
    expect(expected.size).toBe(2);
    let predictions = 0;
    let running = true;
    const load = (async () => {
      while (running) {
        const p = a.holder.require().model.predictProbability(PROBE);
        if (!expected.has(p)) throw new Error(`prediction ${p} comes from neither version`);
        predictions++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    await publisher.publish(v2);
    await publisher.activate(v2.manifest, 'promoted: not worse on holdout');
    await waitFor(async () => [served(a), served(b)], (s) => s.every((v) => v === v2.manifest.version), { what: 'both replicas on v2' });
    running = false;
    await load;
    expect(predictions).toBeGreaterThan(10);

    // A restarted replica reads the compacted topic and comes back on the active version.
    await b.subscriber.stop();
    const b2 = await replica(fixture);
    expect(served(b2)).toBe(v2.manifest.version);

    // A corrupted artifact is refused; the replicas keep serving v2 and say why in their status.
    const v3 = trainedVersion(3, Date.UTC(2026, 10, 3));
    const corrupted = { manifest: v3.manifest, payload: Buffer.from(v3.payload).fill(0, 20, 40) };
    await publisher.publish(corrupted);
    await publisher.activate(v3.manifest, 'bad build');
    await waitFor(async () => a.holder.status().lastFailure?.version, (v) => v === v3.manifest.version, { what: 'v3 rejected' });
    expect(a.holder.status()).toMatchObject({ version: v2.manifest.version, lastFailure: { reason: 'checksum' } });
    expect(served(b2)).toBe(v2.manifest.version);

    // Rollback is an activation of an earlier version: every replica moves.
    await publisher.activate(v1.manifest, 'manual rollback');
    await waitFor(async () => [served(a), served(b2)], (s) => s.every((v) => v === v1.manifest.version), { what: 'both replicas back on v1' });
  });
});
