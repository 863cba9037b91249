import type { RequestLog } from '#contracts';
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from './calendar';
import { DailyCycle } from './daily-cycle';
import { RequestLogSource } from './request-log';
import { SHOP_ROUTES, routeSubject } from './request-routes';
import type { TrafficEvent } from './traffic-event';
import { UserPopulation } from './user-population';

const START = Date.UTC(2025, 2, 3);
const RPS = 5;

describe('request logs over one day', () => {
  const source = new RequestLogSource({ seed: 42, users: new UserPopulation(2_000), requestsPerSecond: RPS });
  const events: TrafficEvent[] = [];
  for (let t = START; t < START + DAY_MS; t += 60_000) source.emit(t, t + 60_000, events);
  const logs = events.map((e) => e.value as RequestLog);

  it('follows the daily cycle: quiet at night, peak in the evening', () => {
    const cycle = new DailyCycle();
    const perHour = new Array<number>(24).fill(0);
    for (const r of logs) perHour[Math.floor((r.event_time - START) / HOUR_MS)]! += 1;
    perHour.forEach((count, h) => {
      const expected = RPS * 3600 * ((cycle.hour(h) + cycle.hour((h + 1) % 24)) / 2);
      expect(Math.abs(count - expected) / expected).toBeLessThan(0.06);
    });
    expect(perHour[20]! / perHour[4]!).toBeGreaterThan(5);
    expect(logs.length / (RPS * 86_400)).toBeCloseTo(1, 1);
  });

  it('is time-ordered and keyed by service/route', () => {
    expect(logs.findIndex((r, i) => i > 0 && r.event_time < logs[i - 1]!.event_time)).toBe(-1);
    expect(events.every((e) => e.key === routeSubject((e.value as RequestLog).service, (e.value as RequestLog).route))).toBe(true);
    expect(events.every((e) => e.incident === null)).toBe(true);
    expect(new Set(events.map((e) => e.key))).toEqual(new Set(SHOP_ROUTES.map((r) => routeSubject(r.service, r.route))));
  });

  it('has a realistic status mix: mostly 2xx, some 304 and 404, rare 5xx', () => {
    const share = (f: (status: number) => boolean): number => logs.filter((r) => f(r.status)).length / logs.length;
    expect(share((s) => s >= 200 && s < 300)).toBeGreaterThan(0.8);
    expect(share((s) => s === 304)).toBeGreaterThan(0.03);
    expect(share((s) => s === 404)).toBeGreaterThan(0.003);
    expect(share((s) => s >= 500)).toBeGreaterThan(0);
    expect(share((s) => s >= 500)).toBeLessThan(0.01);
    expect(logs.filter((r) => r.status === 304).every((r) => r.method === 'GET')).toBe(true);
  });

  it('draws latency and sizes around each route profile', () => {
    for (const route of SHOP_ROUTES) {
      const ok = logs.filter((r) => r.route === route.route && r.method === route.method && r.status === route.status.ok);
      expect(ok.length).toBeGreaterThan(200);
      expect(median(ok.map((r) => r.response_time_ms)) / route.latencyMedianMs).toBeGreaterThan(0.9);
      expect(median(ok.map((r) => r.response_time_ms)) / route.latencyMedianMs).toBeLessThan(1.1);
      expect(median(ok.map((r) => r.response_bytes)) / route.responseBytesMedian).toBeGreaterThan(0.9);
      expect(median(ok.map((r) => r.response_bytes)) / route.responseBytesMedian).toBeLessThan(1.1);
      expect(median(ok.map((r) => r.request_bytes)) / route.requestBytesMedian).toBeGreaterThan(0.9);
      expect(median(ok.map((r) => r.request_bytes)) / route.requestBytesMedian).toBeLessThan(1.1);
    }
  });

  it('mixes many ordinary clients with a few heavy API clients', () => {
    const perClient = new Map<string, number>();
    for (const r of logs) perClient.set(r.client_id, (perClient.get(r.client_id) ?? 0) + 1);
    const heavy = [...perClient.entries()].filter(([id]) => id.startsWith('key-partner-'));
    expect(heavy).toHaveLength(5);
    const heavyShare = heavy.reduce((s, [, n]) => s + n, 0) / logs.length;
    expect(heavyShare).toBeGreaterThan(0.1);
    expect(heavyShare).toBeLessThan(0.14);
    const ordinary = [...perClient.entries()].filter(([id]) => !id.startsWith('key-partner-')).map(([, n]) => n);
    expect(ordinary.length).toBeGreaterThan(3_000);
    expect(Math.min(...heavy.map(([, n]) => n))).toBeGreaterThan(20 * median(ordinary));
    expect(logs.filter((r) => r.client_id.startsWith('key-partner-')).every((r) => r.service === 'api' && r.user_id === null)).toBe(true);
  });

  it('attaches users where people are logged in', () => {
    const loggedIn = (route: string): number => {
      const hits = logs.filter((r) => r.route === route && !r.client_id.startsWith('key-partner-'));
      return hits.filter((r) => r.user_id !== null).length / hits.length;
    };
    expect(loggedIn('/checkout')).toBeGreaterThan(0.9);
    expect(loggedIn('/static/:file')).toBe(0);
    expect(loggedIn('/')).toBeGreaterThan(0.2);
    expect(loggedIn('/')).toBeLessThan(0.4);
  });
});

function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
}
