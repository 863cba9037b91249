import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from './calendar';
import { createTraffic, type TrafficOptions } from './traffic';
import type { TrafficEvent } from './traffic-event';

const START = Date.UTC(2025, 2, 3, 6);
const OPTIONS: TrafficOptions = { seed: 42, start: START, end: START + HOUR_MS, incidents: 'all', requestsPerSecond: 50, salesLinesPerSecond: 3, feedbackPerSecond: 1 };

function collect(options: TrafficOptions): TrafficEvent[] {
  const events: TrafficEvent[] = [];
  for (const batch of createTraffic(options)) events.push(...batch.events);
  return events;
}

describe('createTraffic', () => {
  const events = collect(OPTIONS);

  it('gives identical output for the same seed, and different output for another seed', () => {
    expect(JSON.stringify(collect(OPTIONS))).toBe(JSON.stringify(events));
    const other = collect({ ...OPTIONS, seed: 43 });
    const ids = new Set(events.map((e) => e.value.event_id));
    expect(other.filter((e) => ids.has(e.value.event_id))).toEqual([]);
    expect(other.length).not.toBe(events.length);
  });

  it('yields contiguous batches covering [start, end) with time-ordered events inside each window', () => {
    const traffic = createTraffic(OPTIONS);
    let expectedFrom = START;
    for (const batch of traffic.batches()) {
      expect(batch.from).toBe(expectedFrom);
      expect(batch.to - batch.from).toBeLessThanOrEqual(1000);
      const outside = batch.events.filter((e, i) => e.value.event_time < batch.from || e.value.event_time >= batch.to || (i > 0 && e.value.event_time < batch.events[i - 1]!.value.event_time));
      expect(outside).toEqual([]);
      expectedFrom = batch.to;
    }
    expect(expectedFrom).toBe(START + HOUR_MS);
  });

  it('mixes the topics, each with its key, and unique event ids', () => {
    const byTopic = new Map<string, number>();
    for (const e of events) byTopic.set(e.topic, (byTopic.get(e.topic) ?? 0) + 1);
    expect(byTopic.get('request-log')).toBeGreaterThan(50_000);
    expect(byTopic.get('sales')).toBeGreaterThan(1_000);
    expect(byTopic.get('feedback')).toBeGreaterThan(1_000);
    const badKeys = events.filter((e) => {
      switch (e.topic) {
        case 'sales':
        case 'products':
          return e.key !== e.value.product_id;
        case 'request-log':
          return e.key !== `${e.value.service}${e.value.route}`;
        case 'feedback':
          return e.key !== e.value.user_id;
      }
    });
    expect(badKeys).toEqual([]);
    expect(new Set(events.map((e) => e.value.event_id)).size).toBe(events.length);
  });

  it('labels incident events with the ground-truth records it exports', () => {
    const traffic = createTraffic(OPTIONS);
    const truth = traffic.groundTruth();
    expect(truth.incidents.map((i) => i.scenario)).toEqual(['latency-spike', 'error-burst', 'scraping-bot', 'payload-flood', 'slow-drift']);
    for (const label of truth.incidents) {
      expect(label.start).toBeGreaterThanOrEqual(START);
      expect(label.end).toBeLessThanOrEqual(START + HOUR_MS);
    }
    const seen = new Set(events.flatMap((e) => (e.incident ? [JSON.stringify(e.incident)] : [])));
    expect(seen).toEqual(new Set(truth.incidents.map((l) => JSON.stringify(l))));
    expect(events.filter((e) => e.incident !== null && e.topic !== 'request-log')).toEqual([]);
    expect(truth.preferences).toHaveLength(40);
    expect(truth.salesScale).toBeGreaterThan(0);
  });

  it('takes exactly N events, the same ones the time range starts with', () => {
    const traffic = createTraffic(OPTIONS);
    const taken = [...traffic.take(12_345)].flat();
    expect(taken).toHaveLength(12_345);
    expect(JSON.stringify(taken)).toBe(JSON.stringify(events.slice(0, 12_345)));
    expect([...traffic.take(0)]).toEqual([]);
    expect(() => [...traffic.take(-1)]).toThrow(/non-negative integer/);
    const silent = createTraffic({ seed: 1, start: START, salesLinesPerSecond: 0, requestsPerSecond: 0, feedbackPerSecond: 0 });
    expect(() => [...silent.take(1)]).toThrow(/non-zero/);
  });

  it('emits the catalogue for the products topic and a daily history for a backfill', () => {
    const traffic = createTraffic(OPTIONS);
    const catalogue = traffic.catalogueEvents();
    expect(catalogue).toHaveLength(200);
    expect(catalogue.every((e) => e.topic === 'products' && e.key === e.value.product_id && e.value.event_time === START)).toBe(true);
    expect(traffic.catalogueEvents()).toEqual(catalogue);
    const days = [...traffic.history(START - 7 * DAY_MS, START)];
    expect(days.length).toBe(8); // 7 × 24 h back from 06:00 touches 8 UTC days
    expect(days.flat().every((e) => e.topic === 'sales' && e.value.event_time < START && e.value.event_time >= START - 7 * DAY_MS)).toBe(true);
  });

  it('accepts scenario flags', () => {
    const traffic = createTraffic({ seed: 1, start: START, incidents: { 'error-burst': true, 'slow-drift': false, 'scraping-bot': true } });
    expect(traffic.groundTruth().incidents.map((i) => i.scenario)).toEqual(['error-burst', 'scraping-bot']);
    expect(() => createTraffic({ seed: 1, start: START, incidents: { 'ddos': true } as never })).toThrow(/unknown scenario flag\(s\) ddos/);
  });

  it('rejects options it cannot honour', () => {
    expect(() => createTraffic({ seed: 1, start: 1.5 })).toThrow(/start must be integer/);
    expect(() => createTraffic({ seed: 1, start: START, end: START })).toThrow(/end must be an integer after start/);
    expect(() => createTraffic({ seed: 1, start: START, batchMs: 0 })).toThrow(/batchMs/);
    expect(() => createTraffic({ seed: 1, start: START, incidents: [{ scenario: 'error-burst', subject: 'db' }] })).toThrow(/unknown service/);
  });
});
