import type { RequestLog } from '#contracts';
import type { RequestOutlier } from '../requests/route-outlier.model';
import { LogHistogram } from './log-histogram';

export type SubjectKind = 'route' | 'service' | 'client';

/** The aggregates of one subject over one event-time window: what the windowed detector scores. */
export interface WindowAggregate {
  subjectKind: SubjectKind;
  /** `service/route`, service name or client id (the generator's label format). */
  subject: string;
  windowStart: number;
  windowEnd: number;
  requests: number;
  requestsPerSecond: number;
  serverErrorRate: number;
  clientErrorRate: number;
  /** Latency quantiles (ms); NaN for client windows, which keep no latency histogram. */
  latencyP50: number;
  latencyP95: number;
  latencyP99: number;
  meanRequestBytes: number;
  maxRequestBytes: number;
  meanResponseBytes: number;
  /** Requests the per-request model flagged as outliers (route windows only). */
  outliers: number;
  /** The highest-scoring of them, with the features that isolated it. */
  worstOutlier: RequestOutlier | null;
  /** Closed early to stay within `maxSubjects`: its counts are partial, so it is not fit to be scored. */
  evicted: boolean;
}

export interface RequestWindowOptions {
  windowMs: number;
  /** Events this late (event time behind the newest seen) still count; later ones are dropped and counted. */
  allowedLatenessMs: number;
  /** Windows open at once (subjects × windows within the lateness); the least recently updated is closed beyond it. */
  maxSubjects: number;
  /**
   * A source (a Kafka partition) that sent nothing for this long, in processing time, stops holding
   * the watermark back: an idle partition must not keep every window open.
   */
  sourceIdleMs: number;
}

export const defaultRequestWindowOptions: RequestWindowOptions = { windowMs: 60_000, allowedLatenessMs: 5_000, maxSubjects: 50_000, sourceIdleMs: 10_000 };

interface OpenWindow {
  kind: SubjectKind;
  subject: string;
  start: number;
  requests: number;
  serverErrors: number;
  clientErrors: number;
  /** Null for clients: they are watched on their request count only, and there can be tens of thousands. */
  latency: LogHistogram | null;
  requestBytes: number;
  maxRequestBytes: number;
  responseBytes: number;
  outliers: number;
  worstOutlier: RequestOutlier | null;
}

/**
 * Tumbling event-time windows of request logs per route, service and client. Windows close when the
 * watermark passes their end: the newest event time of the slowest active source (each Kafka
 * partition is read at its own pace, so one far ahead must not make the others' events late), minus
 * the allowed lateness. Memory is bounded by
 * `maxSubjects` open windows of constant size each.
 */
export class RequestWindowAggregator {
  private readonly open = new Map<string, OpenWindow>();
  private watermark = Number.NEGATIVE_INFINITY;
  private readonly sources = new Map<string, { newest: number; seenAt: number }>();
  /** End of the earliest open window: the watermark must pass it before a scan can close anything. */
  private earliestEnd = Number.POSITIVE_INFINITY;
  /** Events dropped because their window had already closed. */
  lateEvents = 0;
  /** Subjects closed early to stay within `maxSubjects`. */
  evictedSubjects = 0;

  constructor(private readonly options: RequestWindowOptions = defaultRequestWindowOptions) {
    if (options.windowMs <= 0 || options.allowedLatenessMs < 0 || options.maxSubjects < 3 || !(options.sourceIdleMs > 0)) {
      throw new Error('RequestWindowAggregator: windowMs > 0, allowedLatenessMs >= 0, maxSubjects >= 3 and sourceIdleMs > 0 are required');
    }
  }

  /**
   * Adds one request (and its per-request verdict, if it was an outlier) read from `source` at
   * processing time `now`; returns the windows the new watermark closed.
   */
  add(event: RequestLog, outlier: RequestOutlier | null = null, source = '', now = 0): WindowAggregate[] {
    const start = event.event_time - (event.event_time % this.options.windowMs);
    if (start + this.options.windowMs <= this.watermark) {
      this.lateEvents++;
      return [];
    }
    const closed: WindowAggregate[] = [];
    const subjects: [SubjectKind, string][] = [
      ['route', `${event.service}${event.route}`],
      ['service', event.service],
      ['client', event.client_id],
    ];
    for (const [kind, subject] of subjects) {
      // One open window per subject and start: a window stays open for late events until the
      // watermark passes its end, while the next one already fills.
      const key = `${kind}\u0000${subject}\u0000${start}`;
      let window = this.open.get(key);
      if (!window) {
        this.earliestEnd = Math.min(this.earliestEnd, start + this.options.windowMs);
        window = { kind, subject, start, requests: 0, serverErrors: 0, clientErrors: 0, latency: kind === 'client' ? null : new LogHistogram(), requestBytes: 0, maxRequestBytes: 0, responseBytes: 0, outliers: 0, worstOutlier: null };
      }
      this.open.delete(key); // re-inserted below: Map order is recency order
      this.open.set(key, window);
      window.requests++;
      if (event.status >= 500) window.serverErrors++;
      else if (event.status >= 400) window.clientErrors++;
      window.latency?.add(event.response_time_ms);
      window.requestBytes += event.request_bytes;
      window.maxRequestBytes = Math.max(window.maxRequestBytes, event.request_bytes);
      window.responseBytes += event.response_bytes;
      if (outlier && kind === 'route') {
        window.outliers++;
        if (!window.worstOutlier || outlier.score > window.worstOutlier.score) window.worstOutlier = outlier;
      }
    }
    while (this.open.size > this.options.maxSubjects) {
      const [key, window] = this.open.entries().next().value!;
      this.open.delete(key);
      this.evictedSubjects++;
      closed.push(this.close(window, true));
    }
    const from = this.sources.get(source);
    if (!from) this.sources.set(source, { newest: event.event_time, seenAt: now });
    else {
      from.seenAt = now;
      if (event.event_time <= from.newest) return closed;
      from.newest = event.event_time;
    }
    closed.push(...this.advance(now));
    return closed;
  }

  /**
   * Sources (partitions) known to exist before they deliver: until each has delivered or gone idle
   * (`sourceIdleMs` after `now`), it holds the watermark back, so the first partition read after a
   * start does not close windows the others still have events for.
   */
  expectSources(sources: readonly string[], now: number): void {
    for (const source of sources) if (!this.sources.has(source)) this.sources.set(source, { newest: Number.NEGATIVE_INFINITY, seenAt: now });
  }

  /**
   * Recomputes the watermark at processing time `now`: idle sources no longer hold it back, and
   * when all are idle it moves to the newest event seen. Returns the windows it closed.
   */
  advance(now: number): WindowAggregate[] {
    let slowest = Number.POSITIVE_INFINITY;
    let newest = Number.NEGATIVE_INFINITY;
    for (const s of this.sources.values()) {
      if (now - s.seenAt <= this.options.sourceIdleMs && s.newest < slowest) slowest = s.newest;
      newest = Math.max(newest, s.newest);
    }
    // Every source idle: traffic has stopped, and what has been seen is all there is.
    if (slowest === Number.POSITIVE_INFINITY) slowest = newest;
    if (slowest === Number.NEGATIVE_INFINITY) return [];
    const watermark = slowest - this.options.allowedLatenessMs;
    if (watermark <= this.watermark) return [];
    this.watermark = watermark;
    return watermark >= this.earliestEnd ? this.closeBefore(watermark) : [];
  }

  /** Closes every open window (end of input or shutdown). */
  flush(): WindowAggregate[] {
    return this.closeBefore(Number.POSITIVE_INFINITY);
  }

  /** The newest event time seen from any source (0 before the first event). */
  get newestEventTime(): number {
    let newest = 0;
    for (const s of this.sources.values()) newest = Math.max(newest, s.newest);
    return newest;
  }

  get openSubjects(): number {
    return this.open.size;
  }

  private closeBefore(time: number): WindowAggregate[] {
    const closed: WindowAggregate[] = [];
    this.earliestEnd = Number.POSITIVE_INFINITY;
    for (const [key, window] of this.open) {
      const end = window.start + this.options.windowMs;
      if (end <= time) {
        this.open.delete(key);
        closed.push(this.close(window));
      } else {
        this.earliestEnd = Math.min(this.earliestEnd, end);
      }
    }
    return closed;
  }

  private close(w: OpenWindow, evicted = false): WindowAggregate {
    const seconds = this.options.windowMs / 1000;
    return {
      subjectKind: w.kind,
      subject: w.subject,
      windowStart: w.start,
      windowEnd: w.start + this.options.windowMs,
      requests: w.requests,
      requestsPerSecond: w.requests / seconds,
      serverErrorRate: w.serverErrors / w.requests,
      clientErrorRate: w.clientErrors / w.requests,
      latencyP50: w.latency?.quantile(0.5) ?? Number.NaN,
      latencyP95: w.latency?.quantile(0.95) ?? Number.NaN,
      latencyP99: w.latency?.quantile(0.99) ?? Number.NaN,
      meanRequestBytes: w.requestBytes / w.requests,
      maxRequestBytes: w.maxRequestBytes,
      meanResponseBytes: w.responseBytes / w.requests,
      outliers: w.outliers,
      worstOutlier: w.worstOutlier,
      evicted,
    };
  }
}
