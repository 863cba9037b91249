import { describe, expect, it } from 'vitest';
import { routeWindow } from '../anomaly-fixtures.testing';
import type { WindowAggregate } from '../windows/request-window.aggregator';
import { SEASONAL_DETECTOR, SubjectMonitor, defaultSubjectMonitorOptions, type SubjectMonitorState } from './subject-monitor';
import type { WindowVerdict } from './incident-tracker';

const MINUTE = 60_000;
// Midnight of a Monday: 300 minutes stay within one day, so every metric is scored against its
// short-term level (time-of-day slots only warm on a later day) once the 100-point probation is over.
const T0 = Date.UTC(2026, 9, 5);
const ALERT = 0.99999;
const ROUTE = 'web/products/:id';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** A hand-built window aggregate of minute `i`; the values not given are those of a steady route. */
const window = (i: number, values: Partial<WindowAggregate> = {}): WindowAggregate => routeWindow(T0 + i * MINUTE, values);

/** Minute `i` of a steady route: a few percent of seeded noise on every metric. */
function steady(i: number, noise: () => number, values: Partial<WindowAggregate> = {}): WindowAggregate {
  const requests = 55 + Math.floor(noise() * 10);
  return window(i, { requests, requestsPerSecond: requests / 60, serverErrorRate: noise() < 0.3 ? 1 / requests : 0, latencyP95: 120 * (1 + 0.1 * (noise() - 0.5)), meanRequestBytes: 500 * (1 + 0.1 * (noise() - 0.5)), ...values });
}

const observeAll = (monitor: SubjectMonitor, windows: WindowAggregate[][]): WindowVerdict[] => windows.flatMap((w) => monitor.observe(w));

describe('SubjectMonitor', () => {
  it('alerts on a tenfold p95 latency on a route after hours of steady windows, naming the route', () => {
    const monitor = new SubjectMonitor();
    const noise = lcg(1);
    const history = observeAll(
      monitor,
      Array.from({ length: 300 }, (_, i) => [steady(i, noise)]),
    );
    expect(history).toHaveLength(300);
    // Steady windows stay well below an alert once out of probation.
    expect(Math.max(...history.slice(120).map((v) => v.score))).toBeLessThan(ALERT);

    const [spike, ...rest] = monitor.observe([steady(300, noise, { latencyP95: 1200 })]);
    expect(rest).toEqual([]);
    expect(spike).toMatchObject({ subjectKind: 'route', subject: ROUTE, windowStart: T0 + 300 * MINUTE, windowEnd: T0 + 301 * MINUTE, detector: SEASONAL_DETECTOR, severity: 'critical' });
    expect(spike!.score).toBeGreaterThanOrEqual(ALERT);
    const lead = spike!.features[0]!;
    expect(lead.name).toBe('latency_p95_ms');
    expect(lead.value).toBe(1200);
    expect(lead.expected).toBeGreaterThan(110);
    expect(lead.expected).toBeLessThan(130);
    expect(lead.contribution).toBeGreaterThan(8);
    expect(spike!.features.map((f) => f.name).sort()).toEqual(['latency_p95_ms', 'mean_request_bytes', 'requests_per_second', 'server_error_rate']);
    expect(spike!.explanation).toContain(`route ${ROUTE}: latency_p95_ms 1200 vs 1`);
  });

  it('does not alert on a latency drop: latency alerts only upwards', () => {
    const monitor = new SubjectMonitor();
    const noise = lcg(2);
    observeAll(
      monitor,
      Array.from({ length: 300 }, (_, i) => [steady(i, noise)]),
    );
    const [drop] = monitor.observe([steady(300, noise, { latencyP95: 12 })]);
    expect(drop!.score).toBeLessThan(0.99);
    const latency = drop!.features.find((f) => f.name === 'latency_p95_ms')!;
    // The drop is seen (strongly negative), but ranked after the metrics that may alert.
    expect(latency.contribution).toBeLessThan(-8);
    const at = drop!.features.indexOf(latency);
    expect(at).toBeGreaterThan(0);
    // Everything ranked above it may alert: the two-sided rate, or a metric that went up.
    for (const f of drop!.features.slice(0, at)) expect(f.name === 'requests_per_second' || f.contribution > 0).toBe(true);
  });

  it('does not score latency (nor errors) on windows with fewer requests than their minimum', () => {
    const monitor = new SubjectMonitor();
    const [small] = monitor.observe([window(0, { requests: 12, latencyP95: 5000 })]);
    const names = small!.features.map((f) => f.name);
    expect(names).not.toContain('latency_p95_ms');
    expect(names).not.toContain('server_error_rate');
    expect(names.sort()).toEqual(['mean_request_bytes', 'requests_per_second']);
    const [tiny] = monitor.observe([window(1, { requests: 3 })]);
    expect(tiny!.features.map((f) => f.name)).toEqual(['requests_per_second']);

    // Small windows teach the latency baseline nothing: a small slow window among steady busy ones
    // does not make a later slow busy window any less surprising.
    const noise = lcg(3);
    const withSmallSlow = new SubjectMonitor();
    const without = new SubjectMonitor();
    for (let i = 0; i < 200; i++) {
      const w = steady(i, noise);
      withSmallSlow.observe([w]);
      without.observe([w]);
      if (i % 10 === 5) withSmallSlow.observe([window(i, { requests: 5, latencyP95: 5000, windowStart: w.windowStart + 1, windowEnd: w.windowEnd + 1 })]);
    }
    const latencyOf = (m: SubjectMonitor) => m.observe([steady(200, lcg(9), { latencyP95: 900 })])[0]!.features.find((f) => f.name === 'latency_p95_ms');
    expect(latencyOf(withSmallSlow)).toEqual(latencyOf(without));
  });

  it('scores service windows on rate, errors and latency', () => {
    const monitor = new SubjectMonitor();
    const [service] = monitor.observe([window(0, { subjectKind: 'service', subject: 'web' })]);
    expect(service).toMatchObject({ subjectKind: 'service', subject: 'web' });
    expect(service!.features.map((f) => f.name).sort()).toEqual(['latency_p95_ms', 'requests_per_second', 'server_error_rate']);
  });

  it('spots a never-seen client far busier than the usual busiest client', () => {
    const monitor = new SubjectMonitor();
    const noise = lcg(4);
    const clientWindow = (i: number, client: string, requests: number) => window(i, { subjectKind: 'client', subject: client, requests, requestsPerSecond: requests / 60 });
    const ordinary = (i: number) => Array.from({ length: 50 }, (_, c) => clientWindow(i, `client-${c}`, 1 + Math.floor(noise() * 5)));
    const history = observeAll(
      monitor,
      Array.from({ length: 300 }, (_, i) => ordinary(i)),
    );
    // One verdict per window: the busiest client, not one per client.
    expect(history).toHaveLength(300);
    expect(history.every((v) => v.subjectKind === 'client' && v.subject.startsWith('client-'))).toBe(true);
    expect(Math.max(...history.slice(120).map((v) => v.score))).toBeLessThan(ALERT);
    // Clients are not tracked one by one.
    expect(monitor.trackedSubjects).toBe(0);

    const verdicts = monitor.observe([...ordinary(300), clientWindow(300, 'scraper-1', 600)]);
    expect(verdicts).toHaveLength(1);
    const [scraper] = verdicts;
    expect(scraper).toMatchObject({ subjectKind: 'client', subject: 'scraper-1', windowStart: T0 + 300 * MINUTE, detector: SEASONAL_DETECTOR });
    expect(scraper!.score).toBeGreaterThanOrEqual(ALERT);
    expect(scraper!.features[0]).toMatchObject({ name: 'busiest_client_requests_per_second', value: 10 });
    expect(scraper!.explanation).toContain('client scraper-1 (the busiest)');
  });

  it('scores the busiest client of each window start when several windows close together', () => {
    const monitor = new SubjectMonitor();
    const clientWindow = (i: number, client: string, requests: number) => window(i, { subjectKind: 'client', subject: client, requests, requestsPerSecond: requests / 60 });
    const verdicts = monitor.observe([clientWindow(1, 'a', 3), clientWindow(0, 'b', 2), clientWindow(1, 'c', 7), clientWindow(0, 'a', 5), clientWindow(0, 'd', 5)]);
    expect(verdicts.map((v) => [v.windowStart - T0, v.subject])).toEqual([
      [0, 'a'], // a tie goes to the first subject in order
      [MINUTE, 'c'],
    ]);
  });

  it('keeps at most maxTrackedSubjects baselines, forgetting the least recently seen', () => {
    const monitor = new SubjectMonitor({ ...defaultSubjectMonitorOptions, maxTrackedSubjects: 3 });
    const route = (i: number, subject: string) => window(i, { subject });
    monitor.observe([route(0, 'a'), route(0, 'b'), route(0, 'c')]);
    expect(monitor.trackedSubjects).toBe(3);
    expect(monitor.forgottenSubjects).toBe(0);
    monitor.observe([route(1, 'a')]); // a is now the most recent
    monitor.observe([route(2, 'd')]);
    expect(monitor.trackedSubjects).toBe(3);
    expect(monitor.forgottenSubjects).toBe(1);
    expect(monitor.toState().subjects.map(([key]) => key)).toEqual(['route\u0000c', 'route\u0000a', 'route\u0000d']);
    monitor.observe([route(3, 'e'), route(3, 'f'), window(3, { subjectKind: 'service', subject: 'web' })]);
    expect(monitor.trackedSubjects).toBe(3);
    expect(monitor.forgottenSubjects).toBe(4);
    expect(monitor.toState().subjects.map(([key]) => key)).toEqual(['route\u0000e', 'route\u0000f', 'service\u0000web']);
  });

  it('continues identically from a state saved as JSON', () => {
    const inputs = (() => {
      const noise = lcg(5);
      return Array.from({ length: 260 }, (_, i) => [
        steady(i, noise, i >= 240 && i < 244 ? { latencyP95: 900 } : {}),
        steady(i, noise, { subject: 'web/cart' }),
        window(i, { subjectKind: 'service', subject: 'web', requests: 120, requestsPerSecond: 2 }),
        ...Array.from({ length: 8 }, (_, c) => window(i, { subjectKind: 'client', subject: `c${c}`, requests: 1 + Math.floor(noise() * 20) })),
      ]);
    })();
    const whole = observeAll(new SubjectMonitor(), inputs);
    const cut = 230;
    const first = new SubjectMonitor();
    observeAll(first, inputs.slice(0, cut));
    const state = JSON.parse(JSON.stringify(first.toState())) as SubjectMonitorState;
    const resumed = new SubjectMonitor(defaultSubjectMonitorOptions, state);
    expect(resumed.trackedSubjects).toBe(3);
    const rest = observeAll(resumed, inputs.slice(cut));
    // Four verdicts a minute: two routes, the service and the busiest client.
    expect(rest).toHaveLength((inputs.length - cut) * 4);
    expect(rest).toEqual(whole.slice(cut * 4));
    // The resumed part holds the latency spike, so the comparison covers an alert.
    expect(Math.max(...rest.map((v) => v.score))).toBeGreaterThanOrEqual(ALERT);
  });
});
