import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Type, type Schema } from 'avsc';
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from './calendar';
import { createTraffic } from './traffic';
import type { TrafficEvent, TrafficTopic } from './traffic-event';

const schemaDir = resolve(__dirname, '../../../schemas');
const typeOf = (topic: TrafficTopic): Type => Type.forSchema(JSON.parse(readFileSync(join(schemaDir, `${topic}.avsc`), 'utf8')) as Schema);
const START = Date.UTC(2025, 2, 3, 18);

/** Paths of fields that do not fit the Avro schema (missing, wrong type, non-integer int, unknown enum symbol). */
function schemaProblems(type: Type, value: unknown): string[] {
  const problems: string[] = [];
  type.isValid(value, { errorHook: (path) => problems.push(path.join('.') || '(root)') });
  return problems;
}

/** Semantic checks the Avro types cannot express. */
function ruleProblems(event: TrafficEvent): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) problems.push(what);
  };
  const v = event.value;
  check(/^[0-9a-f-]{36}$/.test(v.event_id), 'event_id');
  check(Number.isInteger(v.event_time) && v.event_time > Date.UTC(2000, 0, 1), 'event_time');
  switch (event.topic) {
    case 'sales':
      check(Number.isInteger(event.value.quantity) && event.value.quantity > 0, 'quantity');
      check(event.value.unit_price > 0, 'unit_price');
      check(event.value.discount_pct >= 0 && event.value.discount_pct < 100, 'discount_pct');
      break;
    case 'products':
      check(event.value.price > 0 && event.value.title.length > 0, 'price/title');
      check(event.value.rating === null || (event.value.rating >= 0 && event.value.rating <= 5), 'rating');
      break;
    case 'request-log':
      check(Number.isInteger(event.value.status) && event.value.status >= 100 && event.value.status <= 599, 'status');
      check(event.value.response_time_ms >= 0 && Number.isFinite(event.value.response_time_ms), 'response_time_ms');
      check(Number.isInteger(event.value.request_bytes) && event.value.request_bytes >= 0, 'request_bytes');
      check(Number.isInteger(event.value.response_bytes) && event.value.response_bytes >= 0, 'response_bytes');
      check(event.value.route.startsWith('/') && event.value.client_id.length > 0, 'route/client_id');
      break;
    case 'feedback':
      check((event.value.feedback_type === 'rating') === (event.value.rating !== null), 'rating presence');
      check(event.value.rating === null || (event.value.rating >= 1 && event.value.rating <= 5), 'rating');
      check(event.value.quality_score === null || (event.value.quality_score >= 0 && event.value.quality_score <= 1), 'quality_score');
      check(event.value.prompt.length > 0, 'prompt');
      break;
  }
  return problems;
}

describe('generated events fit the Avro schemas in schemas/', () => {
  const traffic = createTraffic({ seed: 7, start: START, end: START + 3 * HOUR_MS, incidents: 'all', requestsPerSecond: 20, feedbackPerSecond: 2 });
  const events: TrafficEvent[] = [...traffic.catalogueEvents(), ...[...traffic.history(START - 30 * DAY_MS, START)].flat()];
  for (const batch of traffic) events.push(...batch.events);
  const types = new Map<TrafficTopic, Type>((['sales', 'products', 'request-log', 'feedback'] as const).map((t) => [t, typeOf(t)]));

  it('covers every topic, incidents included', () => {
    expect(new Set(events.map((e) => e.topic))).toEqual(new Set(types.keys()));
    expect(new Set(events.flatMap((e) => (e.incident ? [e.incident.scenario] : []))).size).toBe(5);
  });

  it.each(['sales', 'products', 'request-log', 'feedback'] as const)('%s: every field present with its Avro type, and within its documented range', (topic) => {
    const type = types.get(topic)!;
    const ofTopic = events.filter((e) => e.topic === topic);
    expect(ofTopic.length).toBeGreaterThan(0);
    const bad = ofTopic.map((e) => ({ id: e.value.event_id, schema: schemaProblems(type, e.value), rules: ruleProblems(e) })).filter((p) => p.schema.length + p.rules.length > 0);
    expect(bad.slice(0, 5)).toEqual([]);
    // The Avro encoding round-trips: what the producer writes is what consumers read.
    const sample = ofTopic[Math.floor(ofTopic.length / 2)]!.value;
    expect(type.fromBuffer(type.toBuffer(sample))).toEqual(sample);
  });
});
