import { describe, expect, it } from 'vitest';
import type { RequestLog } from '#contracts';
import { requestLog } from '../anomaly-fixtures.testing';
import { LogHistogram } from './log-histogram';
import { RequestWindowAggregator } from './request-window.aggregator';

const T0 = Date.UTC(2026, 10, 22, 12);
const request = (offsetMs: number, overrides: Partial<RequestLog> = {}): RequestLog => requestLog(T0 + offsetMs, overrides);

describe('LogHistogram', () => {
  it('reports quantiles within one bucket (about 10%) of the truth', () => {
    const h = new LogHistogram();
    for (let i = 1; i <= 1000; i++) h.add(i);
    for (const [q, truth] of [[0.5, 500], [0.95, 950], [0.99, 990]] as const) {
      expect(h.quantile(q) / truth).toBeGreaterThanOrEqual(1);
      expect(h.quantile(q) / truth).toBeLessThan(1.11);
    }
    expect(new LogHistogram().quantile(0.5)).toBeNaN();
  });
});

describe('RequestWindowAggregator', () => {
  it('aggregates each window per route, service and client and closes it when the watermark passes', () => {
    const agg = new RequestWindowAggregator({ windowMs: 60_000, allowedLatenessMs: 5_000, maxSubjects: 100, sourceIdleMs: 10_000 });
    const closed = [
      ...agg.add(request(1_000)),
      ...agg.add(request(2_000, { status: 503, response_time_ms: 900 })),
      ...agg.add(request(3_000, { status: 404, client_id: 'c2', request_bytes: 9_000 })),
      ...agg.add(request(30_000)),
      ...agg.add(request(62_000)), // watermark 57 s: the first window is still open
    ];
    expect(closed).toEqual([]);
    const next = agg.add(request(66_000)); // watermark 61 s: closes [0, 60 s)
    const route = next.find((w) => w.subjectKind === 'route')!;
    expect(route).toMatchObject({ subject: 'web/products/:id', windowStart: T0, windowEnd: T0 + 60_000, requests: 4, serverErrorRate: 0.25, clientErrorRate: 0.25, maxRequestBytes: 9_000 });
    expect(route.requestsPerSecond).toBeCloseTo(4 / 60, 12);
    expect(route.meanRequestBytes).toBe((500 * 3 + 9_000) / 4);
    expect(route.latencyP99).toBeGreaterThanOrEqual(900);
    expect(next.filter((w) => w.subjectKind === 'client').map((w) => [w.subject, w.requests]).sort()).toEqual([
      ['c1', 3],
      ['c2', 1],
    ]);
    expect(next.find((w) => w.subjectKind === 'service')).toMatchObject({ subject: 'web', requests: 4 });
  });

  it('counts events for already closed windows as late instead of reopening them', () => {
    const agg = new RequestWindowAggregator({ windowMs: 60_000, allowedLatenessMs: 0, maxSubjects: 100, sourceIdleMs: 10_000 });
    agg.add(request(10_000));
    agg.add(request(70_000));
    expect(agg.add(request(20_000))).toEqual([]);
    expect(agg.lateEvents).toBe(1);
    expect(agg.flush().map((w) => w.windowStart)).toEqual([T0 + 60_000, T0 + 60_000, T0 + 60_000]);
  });

  it('keeps at most maxSubjects windows open, closing the least recently seen first', () => {
    const agg = new RequestWindowAggregator({ windowMs: 60_000, allowedLatenessMs: 0, maxSubjects: 30, sourceIdleMs: 10_000 });
    const evicted = [];
    for (let i = 0; i < 100; i++) evicted.push(...agg.add(request(i, { client_id: `bot-${i}` })));
    expect(agg.openSubjects).toBeLessThanOrEqual(30);
    expect(agg.evictedSubjects).toBe(evicted.length);
    expect(evicted[0]).toMatchObject({ subjectKind: 'client', subject: 'bot-0', requests: 1, evicted: true });
    const routeWindows = [...evicted, ...agg.flush()].filter((w) => w.subjectKind === 'route');
    expect(routeWindows.reduce((sum, w) => sum + w.requests, 0)).toBe(100);
  });

  it('holds the watermark at the slowest source, so a partition read ahead does not make the others late', () => {
    const agg = new RequestWindowAggregator({ windowMs: 60_000, allowedLatenessMs: 0, maxSubjects: 100, sourceIdleMs: 10_000 });
    expect(agg.add(request(10_000), null, 'p0', 0)).toEqual([]);
    expect(agg.add(request(200_000, { route: '/search' }), null, 'p1', 1)).toEqual([]); // p0 is behind: nothing closes
    expect(agg.add(request(20_000), null, 'p0', 2)).toEqual([]);
    expect(agg.lateEvents).toBe(0);
    const closed = agg.add(request(61_000), null, 'p0', 3); // the slowest source passed the first window
    expect(closed.filter((w) => w.subjectKind === 'route').map((w) => [w.subject, w.windowStart, w.requests])).toEqual([['web/products/:id', T0, 2]]);
  });

  it('lets a source that went idle stop holding the watermark back', () => {
    const agg = new RequestWindowAggregator({ windowMs: 60_000, allowedLatenessMs: 0, maxSubjects: 100, sourceIdleMs: 10_000 });
    agg.add(request(10_000), null, 'p0', 0);
    agg.add(request(70_000, { route: '/search' }), null, 'p1', 1_000);
    expect(agg.advance(5_000)).toEqual([]);
    const closed = agg.advance(20_000); // p0 silent for 20 s
    expect(closed.filter((w) => w.subjectKind === 'route').map((w) => w.subject)).toEqual(['web/products/:id']);
  });

  it('lets expected sources that have not delivered yet hold the watermark back until they go idle', () => {
    const agg = new RequestWindowAggregator({ windowMs: 60_000, allowedLatenessMs: 0, maxSubjects: 100, sourceIdleMs: 10_000 });
    agg.expectSources(['p0', 'p1'], 0);
    expect(agg.add(request(10_000), null, 'p0', 1)).toEqual([]);
    expect(agg.add(request(500_000), null, 'p0', 2)).toEqual([]); // p1 may still hold events of the first window
    expect(agg.add(request(20_000, { route: '/search' }), null, 'p1', 3)).toEqual([]);
    expect(agg.lateEvents).toBe(0);
    const closed = agg.add(request(90_000, { route: '/search' }), null, 'p1', 4);
    expect(closed.filter((w) => w.subjectKind === 'service').map((w) => w.requests)).toEqual([2]);
    const silent = new RequestWindowAggregator({ windowMs: 60_000, allowedLatenessMs: 0, maxSubjects: 100, sourceIdleMs: 10_000 });
    silent.expectSources(['p0', 'p1'], 0);
    silent.add(request(10_000), null, 'p0', 1);
    expect(silent.add(request(70_000), null, 'p0', 20_000)).not.toEqual([]); // p1 never delivered and is idle by now
  });
});
