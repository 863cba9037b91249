import type { RequestLog } from '#contracts';
import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from './calendar';
import { RequestLogSource } from './request-log';
import { SHOP_ROUTES, routeSubject } from './request-routes';
import { SCENARIO_KINDS, planIncidents, type Incident, type IncidentLabel } from './scenarios';
import type { TrafficEvent } from './traffic-event';
import { UserPopulation } from './user-population';

const START = Date.UTC(2025, 2, 3, 8);
const SPAN = 10 * HOUR_MS;

function run(incidents: readonly Incident[]): TrafficEvent[] {
  const source = new RequestLogSource({ seed: 42, users: new UserPopulation(2_000), requestsPerSecond: 40, incidents });
  const events: TrafficEvent[] = [];
  for (let t = START; t < START + SPAN; t += 10_000) source.emit(t, t + 10_000, events);
  return events;
}

const plan = planIncidents({
  seed: 42,
  from: START,
  to: START + SPAN,
  routes: SHOP_ROUTES,
  requests: [
    { scenario: 'latency-spike', subject: 'web/products/:id', start: START + 1 * HOUR_MS, end: START + 1 * HOUR_MS + 20 * MINUTE_MS },
    { scenario: 'error-burst', subject: 'api', start: START + 2 * HOUR_MS, end: START + 2 * HOUR_MS + 15 * MINUTE_MS },
    { scenario: 'scraping-bot', start: START + 3 * HOUR_MS, end: START + 3 * HOUR_MS + 30 * MINUTE_MS },
    { scenario: 'payload-flood', subject: 'web/cart', start: START + 4 * HOUR_MS, end: START + 4 * HOUR_MS + 10 * MINUTE_MS },
    { scenario: 'slow-drift', subject: 'web/search', start: START + 5 * HOUR_MS, end: START + 9 * HOUR_MS },
  ],
});
const events = run(plan);
const logs = (f: (e: TrafficEvent) => boolean): RequestLog[] => events.filter(f).map((e) => e.value as RequestLog);
const labelled = (scenario: string): TrafficEvent[] => events.filter((e) => e.incident?.scenario === scenario);
const ofSubject = (e: TrafficEvent, label: IncidentLabel): boolean => {
  const r = e.value as RequestLog;
  return label.subject_kind === 'route' ? e.key === label.subject : label.subject_kind === 'service' ? r.service === label.subject : r.client_id === label.subject;
};
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const baseline = (subject: string): RequestLog[] => logs((e) => e.incident === null && e.key === subject && (e.value as RequestLog).status < 300);

describe('incident scenarios in the request-log stream', () => {
  it('label exactly the events of the subject inside the window, with the ground-truth record', () => {
    for (const incident of plan) {
      const { label } = incident;
      const inside = events.filter((e) => e.value.event_time >= label.start && e.value.event_time < label.end && ofSubject(e, label));
      expect(inside.length).toBeGreaterThan(100);
      expect(inside.filter((e) => e.incident !== label).map((e) => [label.scenario, e.key, e.value.event_time - label.start])).toEqual([]);
      expect(events.filter((e) => e.incident === label).length).toBe(inside.length);
    }
    expect(events.filter((e) => e.incident !== null && (e.value.event_time < e.incident.start || e.value.event_time >= e.incident.end))).toEqual([]);
  });

  it('latency-spike: the route median latency rises at least 4×', () => {
    const spiked = labelled('latency-spike').map((e) => e.value as RequestLog);
    expect(median(spiked.filter((r) => r.status < 300).map((r) => r.response_time_ms))).toBeGreaterThan(4 * median(baseline('web/products/:id').map((r) => r.response_time_ms)));
  });

  it('error-burst: 30-60% of the service requests fail with 5xx', () => {
    const burst = labelled('error-burst').map((e) => e.value as RequestLog);
    expect(new Set(burst.map((r) => r.service))).toEqual(new Set(['api']));
    const share = burst.filter((r) => r.status >= 500).length / burst.length;
    expect(share).toBeGreaterThan(0.27);
    expect(share).toBeLessThan(0.63);
    const before = logs((e) => e.incident === null && (e.value as RequestLog).service === 'api');
    expect(before.filter((r) => r.status >= 500).length / before.length).toBeLessThan(0.01);
  });

  it('scraping-bot: one client hammers product pages and search far above any ordinary client', () => {
    const bot = labelled('scraping-bot');
    const label = bot[0]!.incident!;
    expect(label.subject_kind).toBe('client');
    expect(bot.every((e) => (e.value as RequestLog).client_id === label.subject && (e.value as RequestLog).user_id === null)).toBe(true);
    expect(new Set(bot.map((e) => e.key))).toEqual(new Set(['web/products/:id', 'web/search']));
    const perMinute = bot.length / ((label.end - label.start) / MINUTE_MS);
    expect(perMinute).toBeGreaterThan(20 * 60 * 0.9);
    const busiestOrdinary = Math.max(
      ...Object.values(
        logs((e) => e.incident === null && !(e.value as RequestLog).client_id.startsWith('key-partner-')).reduce<Record<string, number>>((acc, r) => {
          acc[r.client_id] = (acc[r.client_id] ?? 0) + 1;
          return acc;
        }, {}),
      ),
    );
    expect(perMinute).toBeGreaterThan(10 * (busiestOrdinary / (SPAN / MINUTE_MS)));
  });

  it('payload-flood: request bodies on the route grow by orders of magnitude', () => {
    const flood = labelled('payload-flood').map((e) => e.value as RequestLog);
    expect(median(flood.map((r) => r.request_bytes))).toBeGreaterThan(100 * median(baseline('web/cart').map((r) => r.request_bytes)));
    expect(flood.some((r) => r.status === 413)).toBe(true);
  });

  it('slow-drift: latency climbs gradually over the window', () => {
    const drift = labelled('slow-drift').map((e) => e.value as RequestLog).filter((r) => r.status < 300);
    const label = plan[4]!.label;
    const quarter = (label.end - label.start) / 4;
    const medianIn = (q: number): number => median(drift.filter((r) => Math.floor((r.event_time - label.start) / quarter) === q).map((r) => r.response_time_ms));
    const base = median(baseline('web/search').map((r) => r.response_time_ms));
    const quarters = [0, 1, 2, 3].map(medianIn);
    expect(quarters[0]! / base).toBeLessThan(1.8);
    expect(quarters[3]! / base).toBeGreaterThan(2.5);
    for (let q = 1; q < 4; q++) expect(quarters[q]!).toBeGreaterThan(quarters[q - 1]!);
  });
});

describe('planIncidents', () => {
  const options = { seed: 9, from: START, to: START + 24 * HOUR_MS, routes: SHOP_ROUTES, requests: SCENARIO_KINDS };

  it('places one incident of each kind in its own slot with a subject of the right kind', () => {
    const incidents = planIncidents(options);
    expect(incidents.map((i) => i.label.scenario)).toEqual([...SCENARIO_KINDS]);
    const routeKeys = SHOP_ROUTES.map((r) => routeSubject(r.service, r.route));
    incidents.forEach((incident, slot) => {
      const { label } = incident;
      expect(label.start).toBeGreaterThanOrEqual(START + (slot * 24 * HOUR_MS) / 5);
      expect(label.end).toBeLessThanOrEqual(START + ((slot + 1) * 24 * HOUR_MS) / 5);
      if (label.subject_kind === 'route') expect(routeKeys).toContain(label.subject);
      if (label.subject_kind === 'service') expect(['web', 'api', 'assets']).toContain(label.subject);
      if (label.subject_kind === 'client') expect(label.subject).toMatch(/^198\.51\.100\.\d+$/);
    });
    expect(incidents[0]!.intensity).toBeGreaterThanOrEqual(5);
    expect(incidents[0]!.intensity).toBeLessThanOrEqual(10);
  });

  it('is deterministic and rejects unknown subjects', () => {
    expect(planIncidents(options)).toEqual(planIncidents(options));
    expect(planIncidents({ ...options, seed: 10 })).not.toEqual(planIncidents(options));
    expect(() => planIncidents({ ...options, requests: [{ scenario: 'latency-spike', subject: 'web/nope' }] })).toThrow(/unknown route "web\/nope"/);
    expect(() => planIncidents({ ...options, requests: [{ scenario: 'error-burst', subject: 'db' }] })).toThrow(/unknown service "db"/);
  });
});
