import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { startTracing, tracer } from '#telemetry';
import { topics, type Sale } from '#contracts';
import { DLQ_HEADERS } from '#kafka';
import { createTraffic, type TrafficEvent } from '#generator';
import { IngestHarness, expectedCounts } from '../support/ingest-harness';
import { stack } from '../support/local-stack';
import { waitFor } from '../support/wait-for';

const START = Date.UTC(2026, 9, 1, 8);

function generated(count: number, seed: number): TrafficEvent[] {
  const traffic = createTraffic({ seed, start: START, salesLinesPerSecond: 40, requestsPerSecond: 150, feedbackPerSecond: 10 });
  const events: TrafficEvent[] = [...traffic.catalogueEvents()];
  for (const batch of traffic.take(count)) events.push(...batch);
  return events;
}

describe('ingest: topics to ClickHouse, each event counted once', () => {
  let harness: IngestHarness | undefined;
  afterEach(async () => {
    await harness?.tearDown();
    harness = undefined;
  });

  it('stores exactly N rows for N generated events of each type, even when the producer repeats some', async () => {
    harness = await new IngestHarness('exact').setUp();
    const events = generated(20_000, 1);
    const counts = expectedCounts(events);
    expect(Object.keys(counts).sort()).toEqual(['feedback', 'products', 'request_log', 'sales']);
    await harness.startIngest();
    await harness.produce(events);
    await harness.produce(events.slice(0, 3000)); // a producer retry storm: same event ids again
    await harness.waitForCounts(counts);
    for (const [table, n] of Object.entries(counts)) {
      expect(await harness.clickhouse.counts(table), table).toEqual({ final: n, distinct: n });
    }
  });

  it('dead-letters garbage bytes, unknown schema ids and invalid events, and stores the events around them', async () => {
    harness = await new IngestHarness('poison').setUp();
    await harness.startIngest();
    const sales = generated(3000, 2).filter((e) => e.topic === 'sales').map((e) => e.value as Sale);
    const [first, second] = [sales.slice(0, sales.length / 2), sales.slice(sales.length / 2)];
    await harness.kafka.produce(topics.sales, first);
    await harness.kafka.produceRaw(topics.sales, 'garbage', Buffer.from('definitely not avro'));
    await harness.kafka.produceRaw(topics.sales, 'unknown', Buffer.concat([Buffer.from([0, 0x3a, 0xde, 0x68, 0xb1]), Buffer.from('body')]));
    await harness.kafka.produce(topics.sales, [{ ...sales[0]!, event_id: 'bad-quantity', quantity: -3 }]);
    await harness.kafka.produce(topics.sales, second);

    await harness.waitForCounts({ sales: sales.length });
    const letters = await harness.kafka.readDeadLetters(topics.sales, 3);
    const reasons = letters.map((m) => m.headers?.[DLQ_HEADERS.reason]?.toString()).sort();
    expect(reasons).toEqual(['invalid', 'undecodable', 'unknown-schema']);
    const invalid = letters.find((m) => m.headers?.[DLQ_HEADERS.reason]?.toString() === 'invalid')!;
    expect(invalid.headers?.[DLQ_HEADERS.error]?.toString()).toMatch(/quantity must be > 0, got -3/);
    const garbage = letters.find((m) => m.key?.toString() === 'garbage')!;
    expect(garbage.value?.toString()).toBe('definitely not avro');
    expect(garbage.headers?.[DLQ_HEADERS.topic]?.toString()).toBe(harness.kafka.topic(topics.sales));
    expect(await harness.clickhouse.count('sales')).toBe(sales.length);

    const metrics = await fetch(`http://127.0.0.1:${harness.metricsPort}/metrics`).then((r) => r.text());
    const topic = harness.kafka.topic(topics.sales);
    for (const reason of ['invalid', 'undecodable', 'unknown-schema']) {
      expect(metrics).toContain(`pulse_dead_letters_total{topic="${topic}",reason="${reason}"} 1`);
    }
    expect(metrics).toContain(`pulse_events_consumed_total{topic="${topic}"} ${sales.length}`);
  });

  it('continues the producer\'s trace: the consumer batch span links to the span that produced the events', async () => {
    const traceFile = join(tmpdir(), `pulse-traces-${Date.now()}.jsonl`);
    harness = await new IngestHarness('trace', { OTEL_TRACES_EXPORTER: 'jsonl', OTEL_TRACES_FILE: traceFile }).setUp();
    await harness.startIngest();
    startTracing({ service: 'test-producer', exporter: 'none' });
    const sales = generated(500, 6).filter((e) => e.topic === 'sales').map((e) => e.value as Sale);
    const span = tracer('test').startSpan('shop backend sends sales');
    await context.with(trace.setSpan(context.active(), span), () => harness!.kafka.produce(topics.sales, sales));
    span.end();
    await harness.waitForCounts({ sales: sales.length });

    const batchSpans = await waitFor(
      async () =>
        existsSync(traceFile)
          ? readFileSync(traceFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { name: string; links: { traceId: string }[] })
          : [],
      (spans) => spans.some((s) => s.name === `process ${harness!.kafka.topic(topics.sales)}` && s.links.length > 0),
      { what: 'a batch span with links' },
    );
    const linked = batchSpans.flatMap((s) => s.links.map((l) => l.traceId));
    expect(linked).toContain(span.spanContext().traceId);
  });

  it('loses nothing and counts nothing twice when the ingest process is killed with SIGKILL mid-run', async () => {
    harness = await new IngestHarness('kill9', { INGEST_FLUSH_ROWS: '5000' }).setUp();
    const events = generated(200_000, 3);
    const counts = expectedCounts(events);
    await harness.produce(events);
    await harness.startIngest();
    await waitFor(() => harness!.clickhouse.count('request_log'), (n) => n > 20_000, { timeoutMs: 60_000, intervalMs: 100, what: 'ingest under way' });
    const partial = await harness.clickhouse.count('request_log');
    expect(await harness.ingest.stop('SIGKILL')).toBe(null);
    expect(partial).toBeLessThan(counts['request_log']!);

    await harness.startIngest();
    await harness.waitForCounts(counts);
    for (const [table, n] of Object.entries(counts)) expect((await harness.clickhouse.counts(table)).final, table).toBe(n);
  });

  it('drains on SIGTERM: stores and commits the batch in hand, so a restart re-reads nothing', async () => {
    // Nothing is flushed or committed by size or time: only the drain can make these events durable.
    harness = await new IngestHarness('drain', { INGEST_FLUSH_ROWS: '10000000', INGEST_MAX_BUFFERED_ROWS: '10000000', INGEST_FLUSH_INTERVAL_MS: '600000', INGEST_COMMIT_INTERVAL_MS: '600000' }).setUp();
    const events = generated(20_000, 7);
    const counts = expectedCounts(events);
    await harness.startIngest();
    await harness.produce(events);
    const topicNames = ['sales', 'products', 'request-log', 'feedback'].map((t) => `${harness!.namespace.topicPrefix}${t}`);
    const admin = harness.kafka.kafka.admin();
    await admin.connect();
    try {
      const ends = async () => (await Promise.all(topicNames.map(async (topic) => (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0)))).reduce((a, b) => a + b, 0);
      const committed = async () =>
        (await admin.fetchOffsets({ groupId: harness!.namespace.groupId, topics: topicNames }))
          .flatMap((t) => t.partitions)
          .reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
      await waitFor(
        async () => {
          const metrics = await fetch(`http://127.0.0.1:${harness!.metricsPort}/metrics`).then((r) => r.text());
          return [...metrics.matchAll(/^pulse_events_consumed_total\{[^}]*\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
        },
        (n) => n === events.length,
        { what: 'every event consumed' },
      );
      expect(await harness.clickhouse.count('request_log')).toBe(0);
      expect(await committed()).toBe(0);

      expect(await harness.ingest.stop('SIGTERM')).toBe(0);
      for (const [table, n] of Object.entries(counts)) expect((await harness.clickhouse.counts(table)).final, table).toBe(n);
      expect(await committed()).toBe(await ends());
    } finally {
      await admin.disconnect();
    }
  });

  it('rides out a Kafka broker restart without loss or double counting', async () => {
    harness = await new IngestHarness('broker').setUp();
    const events = generated(60_000, 4);
    const counts = expectedCounts(events);
    await harness.startIngest();
    await harness.produce(events.slice(0, 30_000));
    await stack('restart', 'kafka');
    await harness.produce(events.slice(30_000));
    await harness.waitForCounts(counts, 180_000);
  });

  it('waits out ClickHouse being down for 30 s, then stores everything exactly once', async () => {
    harness = await new IngestHarness('chdown').setUp();
    const events = generated(60_000, 5);
    const counts = expectedCounts(events);
    await harness.startIngest();
    await harness.produce(events.slice(0, 30_000));
    await waitFor(() => harness!.clickhouse.count('request_log'), (n) => n > 0, { what: 'first rows' });
    await stack('stop', 'clickhouse');
    try {
      await harness.produce(events.slice(30_000));
      await new Promise((r) => setTimeout(r, 30_000));
      expect(harness.ingest.linesContaining('ClickHouse insert failed; retrying').length).toBeGreaterThan(0);
    } finally {
      await stack('start', 'clickhouse');
    }
    await harness.waitForCounts(counts, 180_000);
  });
});
