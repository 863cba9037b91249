import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import type { INestMicroservice } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import avro from 'avsc';
import { afterEach, describe, expect, it } from 'vitest';
import { topics, type Sale } from '#contracts';
import { DLQ_HEADERS, DeadLetterPublisher, KafkaStreamServer, StreamHandler, TransientError, createStreamApp, defaultStreamServerOptions, type Sink, type StreamBatch } from '#kafka';
import { PipelineMetrics } from '#telemetry';
import { KafkaFixture } from '../support/kafka-fixtures';
import { uniqueNamespace } from '../support/unique-names';
import { waitFor } from '../support/wait-for';

/** What the handler under test saw and made durable; reset per test. */
const seen = { handled: [] as string[], transientFailuresLeft: 0, flushed: 0 };

@Controller()
class SalesProbeController {
  @StreamHandler(topics.sales)
  async sales(@Payload() batch: StreamBatch<Sale>): Promise<void> {
    if (seen.transientFailuresLeft > 0) {
      seen.transientFailuresLeft--;
      throw new TransientError('sink briefly unavailable');
    }
    const poison = batch.events.find((e) => e.value.product_id === 'REJECT-ME');
    if (poison) throw new Error(`cannot handle product ${poison.value.product_id}`);
    seen.handled.push(...batch.events.map((e) => e.value.event_id));
  }
}

@Module({ controllers: [SalesProbeController] })
class ProbeModule {}

const countingSink: Sink = { shouldFlush: () => false, flush: async () => void seen.flushed++ };

function sale(i: number, productId = `P${i % 7}`): Sale {
  return { event_id: `e-${i}`, event_time: Date.UTC(2026, 9, 1) + i, product_id: productId, quantity: 1, unit_price: 5, discount_pct: 0, category: 'Books', region: 'North', order_id: null, user_id: null };
}

describe('KafkaStreamServer (NestJS transport) against the real broker', () => {
  let app: INestMicroservice | undefined;
  let fixture: KafkaFixture | undefined;
  afterEach(async () => {
    await app?.close();
    await fixture?.tearDown();
    app = undefined;
  });

  async function start(namespace: ReturnType<typeof uniqueNamespace>, metrics: PipelineMetrics) {
    fixture = await new KafkaFixture(namespace.topicPrefix).setUp();
    const server = new KafkaStreamServer(fixture.kafka, fixture.codec, new DeadLetterPublisher(fixture.producer, metrics), metrics, {
      ...defaultStreamServerOptions,
      backoff: { initialMs: 10, maxMs: 50, maxAttempts: Infinity },
      groupId: namespace.groupId,
      topicPrefix: namespace.topicPrefix,
      contracts: [topics.sales],
    }).addSink(countingSink);
    app = await createStreamApp(ProbeModule, server);
    await app.listen();
    return fixture;
  }

  it('retries transient handler failures, then isolates the one event the handler rejects and dead-letters its original bytes', async () => {
    Object.assign(seen, { handled: [], transientFailuresLeft: 2, flushed: 0 });
    const metrics = new PipelineMetrics({ defaultMetrics: false });
    const kafka = await start(uniqueNamespace('server'), metrics);
    const values = Array.from({ length: 200 }, (_, i) => sale(i));
    values[120] = sale(120, 'REJECT-ME');
    await kafka.produce(topics.sales, values, 1000);

    await waitFor(async () => seen.handled.length, (n) => n === 199, { what: '199 handled events' });
    expect(new Set(seen.handled)).toEqual(new Set(values.filter((_, i) => i !== 120).map((v) => v.event_id)));
    const [letter] = await kafka.readDeadLetters(topics.sales, 1);
    expect(letter!.headers?.[DLQ_HEADERS.reason]?.toString()).toBe('rejected');
    expect(letter!.headers?.[DLQ_HEADERS.error]?.toString()).toBe('cannot handle product REJECT-ME');
    expect(letter!.key?.toString()).toBe('REJECT-ME');
    await kafka.codec.prefetch([kafka.codec.schemaIdOf(letter!.value)]);
    expect(kafka.codec.decode(letter!.value!, avro.Type.forSchema(topics.sales.schema as avro.Schema))).toEqual(values[120]);
    expect((await metrics.registry.getSingleMetricAsString('pulse_retries_total')).includes('pulse_retries_total{operation="handle ')).toBe(true);
    await waitFor(async () => seen.flushed, (n) => n > 0, { what: 'a checkpoint that flushed the sink' });
  });

  it('refuses to start when a consumed topic has no handler', async () => {
    const namespace = uniqueNamespace('wiring');
    const metrics = new PipelineMetrics({ defaultMetrics: false });
    fixture = await new KafkaFixture(namespace.topicPrefix).setUp();
    const server = new KafkaStreamServer(fixture.kafka, fixture.codec, new DeadLetterPublisher(fixture.producer, metrics), metrics, {
      ...defaultStreamServerOptions,
      groupId: namespace.groupId,
      topicPrefix: namespace.topicPrefix,
      contracts: [topics.sales, topics.feedback],
    });
    const unwired = await createStreamApp(ProbeModule, server);
    await expect(unwired.listen()).rejects.toThrow('Stream wiring is incomplete: topic "feedback" has no @StreamHandler');
    await unwired.close();
  });
});
