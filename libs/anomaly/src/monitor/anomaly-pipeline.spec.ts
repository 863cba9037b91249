import { describe, expect, it } from 'vitest';
import type { RequestLog } from '#contracts';
import { requestLog } from '../anomaly-fixtures.testing';
import { RouteOutlierModel, defaultRouteOutlierOptions } from '../requests/route-outlier.model';
import { AnomalyPipeline, defaultAnomalyPipelineOptions, type AnomalyPipelineState } from './anomaly-pipeline';
import type { IncidentUpdate } from './incident-tracker';

const MINUTE = 60_000;
// Midnight of a Monday: a few hundred minutes stay within the day, where the detectors use their
// short-term level (time-of-day slots only warm on a later day) after a 100-window probation.
const T0 = Date.UTC(2026, 9, 5);
const LATENESS = defaultAnomalyPipelineOptions.windows.allowedLatenessMs;
/** One source here, so no partition skew to allow for after a start: only the very first window is partial. */
const OPTIONS = { ...defaultAnomalyPipelineOptions, resumeMarginMs: 0 };
const PRODUCTS = 'web/products/:id';

const request = requestLog;

interface Traffic {
  minutes: number;
  /** Minutes (from T0) during which /products/:id is ten times slower. */
  slowFrom?: number;
  slowMinutes?: number;
  /** Minutes with a burst of broken requests (5xx, huge bodies) on /products/:id. */
  brokenFrom?: number;
  brokenMinutes?: number;
  brokenPerMinute?: number;
  seed?: number;
}

/**
 * Seeded, time-ordered request logs of two routes and a dozen clients; the first event is 20 s into
 * the first minute, so the first window of every subject is partial.
 */
function traffic(t: Traffic): RequestLog[] {
  let s = (t.seed ?? 1) >>> 0;
  const uniform = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const events: RequestLog[] = [];
  for (let m = 0; m < t.minutes; m++) {
    const slow = t.slowFrom !== undefined && m >= t.slowFrom && m < t.slowFrom + (t.slowMinutes ?? 5);
    const broken = t.brokenFrom !== undefined && m >= t.brokenFrom && m < t.brokenFrom + (t.brokenMinutes ?? 3);
    const minute: RequestLog[] = [];
    const at = () => T0 + m * MINUTE + (m === 0 ? 20_000 + Math.floor(uniform() * 40_000) : Math.floor(uniform() * MINUTE));
    for (let i = 0; i < 36 + Math.floor(uniform() * 8); i++) {
      minute.push(request(at(), { response_time_ms: (slow ? 800 : 80) * Math.exp(0.2 * normal()), request_bytes: Math.round(500 * Math.exp(0.2 * normal())), response_bytes: Math.round(4000 * Math.exp(0.2 * normal())), status: uniform() < 0.01 ? 500 : 200, client_id: `c${Math.floor(uniform() * 12)}` }));
    }
    for (let i = 0; i < 22 + Math.floor(uniform() * 6); i++) {
      minute.push(request(at(), { route: '/cart', method: 'POST', response_time_ms: 150 * Math.exp(0.2 * normal()), request_bytes: Math.round(1200 * Math.exp(0.2 * normal())), response_bytes: Math.round(900 * Math.exp(0.2 * normal())), client_id: `c${Math.floor(uniform() * 12)}` }));
    }
    if (broken) for (let i = 0; i < (t.brokenPerMinute ?? 10); i++) minute.push(request(at(), { status: 503, response_time_ms: 30_000, request_bytes: 5_000_000, response_bytes: 10_000_000, client_id: 'c3' }));
    events.push(...minute.sort((a, b) => a.event_time - b.event_time));
  }
  return events;
}

/** Updates of each event, by index: a pipeline's output over a stream. */
const run = (pipeline: AnomalyPipeline, events: RequestLog[]): IncidentUpdate[][] => events.map((e) => pipeline.process(e));
const ofSubject = (updates: IncidentUpdate[], subject: string, detector = 'seasonal-baseline') => updates.filter((u) => u.subject === subject && u.detector === detector);

describe('AnomalyPipeline', () => {
  const SLOW_FROM = 250;
  const events = traffic({ minutes: 320, slowFrom: SLOW_FROM, slowMinutes: 5 });

  it('skips the partial first window, then scores every closed window', () => {
    const pipeline = new AnomalyPipeline(OPTIONS);
    const firstMinute = events.filter((e) => e.event_time < T0 + MINUTE);
    run(pipeline, firstMinute);
    expect(pipeline.statistics()).toMatchObject({ windowsScored: 0, partialWindowsSkipped: 0 });
    // The first event of minute 1 closes nothing yet (lateness); minute 0 closes 5 s into minute 1.
    const untilClosed = events.findIndex((e) => e.event_time >= T0 + MINUTE + LATENESS);
    run(pipeline, events.slice(firstMinute.length, untilClosed + 1));
    const afterFirst = pipeline.statistics();
    // A route, the service and the clients of minute 0: all skipped, none scored or learned.
    expect(afterFirst.partialWindowsSkipped).toBeGreaterThanOrEqual(2 + 10);
    expect(afterFirst.windowsScored).toBe(0);
    expect(afterFirst.trackedSubjects).toBe(0);

    const untilSecondClosed = events.findIndex((e) => e.event_time >= T0 + 2 * MINUTE + LATENESS);
    run(pipeline, events.slice(untilClosed + 1, untilSecondClosed + 1));
    const afterSecond = pipeline.statistics();
    expect(afterSecond.partialWindowsSkipped).toBe(afterFirst.partialWindowsSkipped);
    // Two routes, one service and up to twelve clients.
    expect(afterSecond.windowsScored).toBeGreaterThanOrEqual(3 + 10);
    expect(afterSecond.trackedSubjects).toBe(3);
    expect(afterSecond.lateEvents).toBe(0);
    expect(afterSecond.openWindows).toBeGreaterThan(0);

    run(pipeline, events.slice(untilSecondClosed + 1, events.findIndex((e) => e.event_time >= T0 + 100 * MINUTE)));
    expect(pipeline.statistics().windowsScored).toBeGreaterThan(afterSecond.windowsScored + 97 * 3);
    expect(pipeline.statistics().partialWindowsSkipped).toBe(afterFirst.partialWindowsSkipped);
  });

  it('with a resume margin, also skips the windows that partitions resuming further back may have left partial', () => {
    const pipeline = new AnomalyPipeline({ ...OPTIONS, resumeMarginMs: 2 * MINUTE });
    run(pipeline, events.filter((e) => e.event_time < T0 + 10 * MINUTE));
    const scored = new AnomalyPipeline(OPTIONS);
    run(scored, events.filter((e) => e.event_time < T0 + 10 * MINUTE));
    expect(pipeline.statistics().partialWindowsSkipped).toBeGreaterThan(scored.statistics().partialWindowsSkipped);
    expect(pipeline.statistics().windowsScored + pipeline.statistics().partialWindowsSkipped).toBe(scored.statistics().windowsScored + scored.statistics().partialWindowsSkipped);
  });

  it('opens an incident on a five-minute latency spike of one route and closes it after it ends', () => {
    const pipeline = new AnomalyPipeline(OPTIONS);
    const updates = [...run(pipeline, events).flat(), ...pipeline.flush()];
    const route = ofSubject(updates, PRODUCTS).filter((u) => u.subjectKind === 'route');
    // Nothing before the spike: the other route, the service and the clients may react to it, but
    // the spiking route has exactly one incident, from its first slow window.
    expect(route.map((u) => u.status)).toEqual(['open', 'closed']);
    const [opened, closed] = route as [IncidentUpdate, IncidentUpdate];
    expect(opened).toMatchObject({ revision: 0, windowStart: T0 + SLOW_FROM * MINUTE, windowEnd: T0 + (SLOW_FROM + 1) * MINUTE, severity: 'critical' });
    expect(opened.score).toBeGreaterThanOrEqual(0.99999);
    expect(opened.features[0]!.name).toBe('latency_p95_ms');
    expect(opened.features[0]!.value).toBeGreaterThan(500);
    expect(opened.explanation).toContain(`route ${PRODUCTS}: latency_p95_ms`);
    expect(closed).toMatchObject({ anomalyId: opened.anomalyId, revision: 1, windowStart: opened.windowStart });
    // It lasts the slow minutes (the last of them at most: a p95 only slightly down may still look high).
    expect(closed.windowEnd).toBeGreaterThanOrEqual(T0 + (SLOW_FROM + 2) * MINUTE);
    expect(closed.windowEnd).toBeLessThanOrEqual(T0 + (SLOW_FROM + 6) * MINUTE);
    expect(ofSubject(updates, 'web/cart')).toEqual([]);
    expect(updates.every((u) => u.windowStart >= T0 + SLOW_FROM * MINUTE)).toBe(true);
    expect(pipeline.statistics().openIncidents).toBe(0);
  });

  it('resumes from a JSON state: a replay of what it had consumed scores nothing again, and later incidents match', () => {
    const whole = new AnomalyPipeline(OPTIONS);
    const wholeUpdates = run(whole, events).flat();

    // Stop just after the window [T - 1 min, T) was scored: the event 5 s (the lateness) past T.
    const T = T0 + 200 * MINUTE;
    const stopAt = events.findIndex((e) => e.event_time >= T + LATENESS);
    const first = new AnomalyPipeline(OPTIONS);
    run(first, events.slice(0, stopAt + 1));
    const state = JSON.parse(JSON.stringify(first.toState())) as AnomalyPipelineState;
    expect(state.watermark).toBe(T);
    expect(state.newestEvent).toBe(events[stopAt]!.event_time);

    // A consumer resuming from an older committed offset re-reads events the state has taken in:
    // their windows were scored (or partly consumed) before, so nothing is scored again.
    const resumed = new AnomalyPipeline(OPTIONS, state);
    const replayed = run(resumed, events.slice(events.findIndex((e) => e.event_time >= T - 3 * MINUTE), stopAt + 1)).flat();
    expect(replayed).toEqual([]);
    // [T, T + 1 min) was partly consumed before the stop: skipped. Later windows are scored as by a
    // pipeline that never stopped; its baselines hold one more point, so compare the incidents.
    const after = run(resumed, events.slice(stopAt + 1)).flat();
    expect(resumed.statistics().partialWindowsSkipped).toBeGreaterThan(0);
    const identity = (updates: IncidentUpdate[]) => updates.filter((u) => u.windowStart >= T + MINUTE).map((u) => ({ eventId: u.eventId, status: u.status, subject: u.subject, windowStart: u.windowStart, windowEnd: u.windowEnd, severity: u.severity }));
    expect(identity(after)).toEqual(identity(wholeUpdates));
    // The compared stretch holds the spike's incident, so this is not a comparison of nothing.
    expect(ofSubject(after, PRODUCTS).map((u) => u.status)).toEqual(['open', 'closed']);
  });

  it('after a restart at a window boundary, reports the same incidents of later windows', () => {
    const whole = new AnomalyPipeline(OPTIONS);
    const wholeUpdates = run(whole, events).flat();

    const T = T0 + 200 * MINUTE;
    const stopAt = events.findIndex((e) => e.event_time >= T + LATENESS);
    const first = new AnomalyPipeline(OPTIONS);
    run(first, events.slice(0, stopAt + 1));
    const state = JSON.parse(JSON.stringify(first.toState())) as AnomalyPipelineState;

    // Resuming at T: the window [T, T + 1 min) is the restarted pipeline's first, skipped as partial
    // although it is complete. The never-stopped pipeline learned one more point in every baseline,
    // so the features' expected values and the scores may differ slightly; what must not differ is
    // which incidents of windows after that one are reported: same ids, statuses, spans, severities.
    const restarted = new AnomalyPipeline(OPTIONS, state);
    const restartedUpdates = run(restarted, events.slice(events.findIndex((e) => e.event_time >= T))).flat();
    expect(restarted.statistics().partialWindowsSkipped).toBeGreaterThan(0);
    const identity = (updates: IncidentUpdate[]) => updates.filter((u) => u.windowStart >= T + MINUTE).map((u) => ({ eventId: u.eventId, status: u.status, subject: u.subject, windowStart: u.windowStart, windowEnd: u.windowEnd, severity: u.severity }));
    expect(identity(restartedUpdates).length).toBeGreaterThan(0);
    expect(identity(restartedUpdates)).toEqual(identity(wholeUpdates));
  });

  it('raises per-request incidents from a burst of outliers when a model is loaded', () => {
    const history = traffic({ minutes: 60, seed: 7 });
    const model = RouteOutlierModel.fit(history, { ...defaultRouteOutlierOptions, minRowsPerRoute: 500 });
    const pipeline = new AnomalyPipeline(OPTIONS);
    pipeline.useOutlierModel(model);
    // Five broken requests a minute: about a tenth of the route's traffic, a warning.
    const stream = traffic({ minutes: 40, brokenFrom: 20, brokenMinutes: 3, brokenPerMinute: 5, seed: 8 });
    const updates = [...run(pipeline, stream).flat(), ...pipeline.flush()];
    // The 15 broken requests, and only a few ordinary ones of about 2,600.
    expect(pipeline.statistics().outlierRequests).toBeGreaterThanOrEqual(15);
    expect(pipeline.statistics().outlierRequests).toBeLessThan(15 + 20);
    const perRequest = ofSubject(updates, PRODUCTS, 'isolation-forest');
    expect(perRequest.map((u) => u.status)).toEqual(['open', 'closed']);
    expect(perRequest[0]).toMatchObject({ subjectKind: 'request', windowStart: T0 + 20 * MINUTE, severity: 'warning' });
    expect(perRequest[1]).toMatchObject({ windowStart: T0 + 20 * MINUTE, windowEnd: T0 + 23 * MINUTE });
    expect(perRequest[0]!.explanation).toMatch(/^[5-7] of \d+ requests on web\/products\/:id are outliers/);

    // Without a model, the same stream raises no per-request incident.
    const plain = new AnomalyPipeline(OPTIONS);
    const plainUpdates = [...run(plain, stream).flat(), ...plain.flush()];
    expect(plainUpdates.filter((u) => u.detector === 'isolation-forest')).toEqual([]);
    expect(plain.statistics().outlierRequests).toBe(0);
  });
});
