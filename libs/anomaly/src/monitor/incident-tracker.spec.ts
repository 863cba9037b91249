import { describe, expect, it } from 'vitest';
import { IncidentTracker, anomalyIdOf, defaultIncidentTrackerOptions, type IncidentTrackerOptions, type IncidentTrackerState, type IncidentUpdate, type Severity, type WindowVerdict } from './incident-tracker';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 9, 5, 12);
const options: IncidentTrackerOptions = { ...defaultIncidentTrackerOptions, windowMs: MINUTE, closeAfterQuietWindows: 3, heartbeatWindows: 10 };

/** The verdict of window `i` (minutes after T0) of one subject. */
function verdict(i: number, score: number, overrides: Partial<WindowVerdict> = {}): WindowVerdict {
  return {
    subjectKind: 'route',
    subject: 'web/products/:id',
    windowStart: T0 + i * MINUTE,
    windowEnd: T0 + (i + 1) * MINUTE,
    score,
    severity: 'warning',
    detector: 'seasonal-baseline',
    features: [{ name: 'latency_p95_ms', value: 1000 + i, expected: 100, contribution: 12 }],
    explanation: `window ${i}`,
    ...overrides,
  };
}

const HIGH = 0.999999;
const MIDDLE = 0.9995; // between continueThreshold (0.999) and openThreshold (0.99999)
const QUIET = 0.4;

/** Feeds verdicts in order and returns every update, in order. */
const feed = (tracker: IncidentTracker, verdicts: WindowVerdict[]): IncidentUpdate[] => verdicts.flatMap((v) => tracker.observe(v));

describe('anomalyIdOf', () => {
  it('is a deterministic 32-hex-digit id that changes with any of its inputs', () => {
    const id = anomalyIdOf('route', 'web/a', 'seasonal-baseline', T0);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(anomalyIdOf('route', 'web/a', 'seasonal-baseline', T0)).toBe(id);
    const others = [anomalyIdOf('service', 'web/a', 'seasonal-baseline', T0), anomalyIdOf('route', 'web/b', 'seasonal-baseline', T0), anomalyIdOf('route', 'web/a', 'isolation-forest', T0), anomalyIdOf('route', 'web/a', 'seasonal-baseline', T0 + MINUTE)];
    expect(new Set([id, ...others]).size).toBe(5);
    // The separator keeps "ab"+"c" and "a"+"bc" apart.
    expect(anomalyIdOf('route', 'ab', 'c', T0)).not.toBe(anomalyIdOf('route', 'a', 'bc', T0));
  });
});

describe('IncidentTracker', () => {
  it('ignores windows below the open threshold while nothing is open', () => {
    const tracker = new IncidentTracker(options);
    expect(feed(tracker, [verdict(0, QUIET), verdict(1, MIDDLE), verdict(2, options.openThreshold - 1e-9)])).toEqual([]);
    expect(tracker.openIncidents).toBe(0);
  });

  it('opens one incident on a window at the open threshold, with revision 0 and a deterministic id', () => {
    const tracker = new IncidentTracker(options);
    const [opened, ...rest] = tracker.observe(verdict(5, options.openThreshold));
    expect(rest).toEqual([]);
    const anomalyId = anomalyIdOf('route', 'web/products/:id', 'seasonal-baseline', T0 + 5 * MINUTE);
    expect(opened).toEqual({
      eventId: `${anomalyId}-0`,
      anomalyId,
      revision: 0,
      status: 'open',
      subjectKind: 'route',
      subject: 'web/products/:id',
      windowStart: T0 + 5 * MINUTE,
      windowEnd: T0 + 6 * MINUTE,
      score: options.openThreshold,
      severity: 'warning',
      detector: 'seasonal-baseline',
      features: [{ name: 'latency_p95_ms', value: 1005, expected: 100, contribution: 12 }],
      explanation: 'window 5',
    });
    expect(tracker.openIncidents).toBe(1);
  });

  it('keeps one incident per subject and detector', () => {
    const tracker = new IncidentTracker(options);
    const updates = feed(tracker, [verdict(0, HIGH), verdict(0, HIGH, { subject: 'web/cart' }), verdict(0, HIGH, { detector: 'isolation-forest' }), verdict(0, HIGH, { subjectKind: 'service', subject: 'web' })]);
    expect(updates.map((u) => u.status)).toEqual(['open', 'open', 'open', 'open']);
    expect(new Set(updates.map((u) => u.anomalyId)).size).toBe(4);
    expect(tracker.openIncidents).toBe(4);
  });

  it('does not re-announce further anomalous windows of the same severity before the heartbeat', () => {
    const tracker = new IncidentTracker(options);
    const updates = feed(tracker, [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => verdict(i, HIGH)));
    expect(updates.map((u) => u.status)).toEqual(['open']);
  });

  it('announces an update with the next revision when the severity rises', () => {
    const tracker = new IncidentTracker(options);
    const updates = feed(tracker, [verdict(0, HIGH), verdict(1, HIGH), verdict(2, MIDDLE, { severity: 'critical' }), verdict(3, HIGH, { severity: 'critical' })]);
    expect(updates.map((u) => [u.status, u.revision, u.severity])).toEqual([
      ['open', 0, 'warning'],
      ['updated', 1, 'critical'],
    ]);
    const [opened, updated] = updates as [IncidentUpdate, IncidentUpdate];
    expect(updated.anomalyId).toBe(opened.anomalyId);
    expect(updated.eventId).toBe(`${opened.anomalyId}-1`);
    expect(updated.windowStart).toBe(T0);
    expect(updated.windowEnd).toBe(T0 + 3 * MINUTE);
    // The peak score is kept; the explanation is the window that made it worse.
    expect(updated.score).toBe(HIGH);
    expect(updated.explanation).toBe('window 2');
  });

  it('does not announce a severity that falls back', () => {
    const tracker = new IncidentTracker(options);
    const updates = feed(tracker, [verdict(0, HIGH, { severity: 'critical' }), verdict(1, HIGH, { severity: 'warning' }), verdict(2, HIGH, { severity: 'info' })]);
    expect(updates.map((u) => u.status)).toEqual(['open']);
  });

  it('re-announces an ongoing incident on the heartbeat interval', () => {
    const tracker = new IncidentTracker(options);
    const updates = feed(
      tracker,
      Array.from({ length: 25 }, (_, i) => verdict(i, HIGH)),
    );
    // Opened with the window ending at 1 min; heartbeats at window ends 11 and 21 min.
    expect(updates.map((u) => [u.status, u.revision, (u.windowEnd - T0) / MINUTE])).toEqual([
      ['open', 0, 1],
      ['updated', 1, 11],
      ['updated', 2, 21],
    ]);
    expect(updates.every((u) => u.windowStart === T0)).toBe(true);
  });

  it('keeps an incident open on scores between the continue and open thresholds', () => {
    const tracker = new IncidentTracker(options);
    const updates = feed(tracker, [verdict(0, HIGH), ...Array.from({ length: 8 }, (_, i) => verdict(i + 1, MIDDLE))]);
    expect(updates.map((u) => u.status)).toEqual(['open']);
    expect(tracker.openIncidents).toBe(1);
    // The middle windows extend the incident: three quiet windows later it closes with the last of them as its end.
    const closing = feed(tracker, [verdict(9, QUIET), verdict(10, QUIET), verdict(11, QUIET)]);
    expect(closing).toHaveLength(1);
    expect(closing[0]).toMatchObject({ status: 'closed', windowStart: T0, windowEnd: T0 + 9 * MINUTE });
  });

  it('closes after closeAfterQuietWindows quiet windows, spanning the first to the last anomalous window', () => {
    const tracker = new IncidentTracker(options);
    const updates = feed(tracker, [verdict(10, HIGH), verdict(11, HIGH), verdict(12, HIGH), verdict(13, QUIET), verdict(14, QUIET)]);
    expect(updates.map((u) => u.status)).toEqual(['open']);
    expect(tracker.openIncidents).toBe(1);
    const [closed, ...rest] = tracker.observe(verdict(15, QUIET));
    expect(rest).toEqual([]);
    const anomalyId = anomalyIdOf('route', 'web/products/:id', 'seasonal-baseline', T0 + 10 * MINUTE);
    expect(closed).toMatchObject({ status: 'closed', anomalyId, revision: 1, eventId: `${anomalyId}-1`, windowStart: T0 + 10 * MINUTE, windowEnd: T0 + 13 * MINUTE, score: HIGH });
    expect(tracker.openIncidents).toBe(0);
    // A later anomaly is a new incident with its own id.
    const [reopened] = tracker.observe(verdict(20, HIGH));
    expect(reopened).toMatchObject({ status: 'open', revision: 0, windowStart: T0 + 20 * MINUTE });
    expect(reopened!.anomalyId).not.toBe(anomalyId);
  });

  it('starts counting quiet windows again after an anomalous one', () => {
    const tracker = new IncidentTracker(options);
    const updates = feed(tracker, [verdict(0, HIGH), verdict(1, QUIET), verdict(2, QUIET), verdict(3, MIDDLE), verdict(4, QUIET), verdict(5, QUIET)]);
    expect(updates.map((u) => u.status)).toEqual(['open']);
    expect(tracker.observe(verdict(6, QUIET))).toMatchObject([{ status: 'closed', windowEnd: T0 + 4 * MINUTE }]);
  });

  it('ignores a window it has already seen', () => {
    const tracker = new IncidentTracker(options);
    feed(tracker, [verdict(0, HIGH), verdict(1, HIGH), verdict(2, HIGH)]);
    // A replay of an earlier window, even a worse one, neither updates nor extends the incident.
    expect(tracker.observe(verdict(1, HIGH, { severity: 'critical' }))).toEqual([]);
    expect(tracker.observe(verdict(2, HIGH, { severity: 'critical' }))).toEqual([]);
    const closed = feed(tracker, [verdict(3, QUIET), verdict(4, QUIET), verdict(5, QUIET)]);
    expect(closed).toMatchObject([{ status: 'closed', revision: 1, severity: 'warning', windowEnd: T0 + 3 * MINUTE }]);
  });

  it('counts a replayed quiet window once', () => {
    const tracker = new IncidentTracker(options);
    feed(tracker, [verdict(0, HIGH)]);
    expect(feed(tracker, [verdict(1, QUIET), verdict(1, QUIET), verdict(1, QUIET)])).toEqual([]);
    expect(feed(tracker, [verdict(2, QUIET), verdict(3, QUIET)])).toMatchObject([{ status: 'closed' }]);
  });

  it('closes incidents of subjects that stopped sending windows once the watermark is far enough ahead', () => {
    const tracker = new IncidentTracker(options);
    feed(tracker, [verdict(0, HIGH), verdict(1, HIGH), verdict(1, HIGH, { subject: 'web/cart' }), verdict(2, HIGH, { subject: 'web/cart' }), verdict(3, HIGH, { subject: 'web/cart' })]);
    // web/products/:id last anomalous window ended at 2 min, web/cart at 4 min.
    expect(tracker.closeSilent(T0 + 4 * MINUTE)).toEqual([]);
    const closed = tracker.closeSilent(T0 + 5 * MINUTE);
    expect(closed).toMatchObject([{ status: 'closed', subject: 'web/products/:id', windowStart: T0, windowEnd: T0 + 2 * MINUTE, revision: 1 }]);
    expect(tracker.openIncidents).toBe(1);
    expect(tracker.closeSilent(T0 + 6 * MINUTE)).toEqual([]);
    expect(tracker.closeSilent(T0 + 7 * MINUTE)).toMatchObject([{ status: 'closed', subject: 'web/cart', windowStart: T0 + MINUTE, windowEnd: T0 + 4 * MINUTE }]);
    expect(tracker.openIncidents).toBe(0);
  });

  it('gives the same updates, ids included, on every replay of the same windows', () => {
    const windows = scenario();
    const first = feed(new IncidentTracker(options), windows);
    const second = feed(new IncidentTracker(options), windows);
    expect(first.length).toBeGreaterThan(4);
    expect(second).toEqual(first);
    expect(new Set(first.map((u) => u.eventId)).size).toBe(first.length);
  });

  it('continues identically from a state saved as JSON', () => {
    const windows = scenario();
    const whole = feed(new IncidentTracker(options), windows);
    const cut = 17;
    const before = new IncidentTracker(options);
    const early = feed(before, windows.slice(0, cut));
    expect(before.openIncidents).toBeGreaterThan(0); // the cut falls inside an incident
    const state = JSON.parse(JSON.stringify(before.toState())) as IncidentTrackerState;
    const restored = new IncidentTracker(options, state);
    expect(restored.openIncidents).toBe(before.openIncidents);
    const late = feed(restored, windows.slice(cut));
    expect(late.length).toBeGreaterThan(0);
    expect([...early, ...late]).toEqual(whole);
  });

  it('keeps its saved state apart from later changes', () => {
    const tracker = new IncidentTracker(options);
    feed(tracker, [verdict(0, HIGH)]);
    const state = tracker.toState();
    feed(tracker, [verdict(1, HIGH, { severity: 'critical' })]);
    expect(state[0]![1]).toMatchObject({ severity: 'warning', revision: 0, lastWindowEnd: T0 + MINUTE });
  });

  it('closes the stalest incident beyond maxOpenIncidents', () => {
    const tracker = new IncidentTracker({ ...options, maxOpenIncidents: 2 });
    feed(tracker, [verdict(0, HIGH, { subject: 'a' }), verdict(1, HIGH, { subject: 'b' }), verdict(2, HIGH, { subject: 'a' })]);
    // a was last anomalous in the window ending at 3 min, b at 2 min: b is the stalest.
    const updates = tracker.observe(verdict(3, HIGH, { subject: 'c' }));
    expect(updates.map((u) => [u.status, u.subject])).toEqual([
      ['open', 'c'],
      ['closed', 'b'],
    ]);
    expect(updates[1]).toMatchObject({ revision: 1, windowStart: T0 + MINUTE, windowEnd: T0 + 2 * MINUTE });
    expect(tracker.openIncidents).toBe(2);
    expect(tracker.closeSilent(T0 + 100 * MINUTE).map((u) => u.subject).sort()).toEqual(['a', 'c']);
  });
});

/** Two subjects with incidents that open, worsen, go on past a heartbeat and close. */
function scenario(): WindowVerdict[] {
  let s = 11;
  const uniform = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const out: WindowVerdict[] = [];
  for (let i = 0; i < 60; i++) {
    for (const subject of ['web/a', 'web/b']) {
      const inIncident = subject === 'web/a' ? (i >= 5 && i < 25) || (i >= 40 && i < 44) : i >= 8 && i < 12;
      const severity: Severity = inIncident && i % 7 === 3 ? 'critical' : 'warning';
      out.push(verdict(i, inIncident ? 0.99999 + uniform() * 1e-5 : uniform() * 0.9, { subject, severity }));
    }
  }
  return out;
}
