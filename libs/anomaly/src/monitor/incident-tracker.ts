import { createHash } from 'node:crypto';

export type IncidentStatus = 'open' | 'updated' | 'closed';
export type Severity = 'info' | 'warning' | 'critical';
export type IncidentSubjectKind = 'route' | 'service' | 'client' | 'request';

export interface FeatureContribution {
  name: string;
  value: number;
  expected: number;
  /** Signed surprise in standard deviations (windowed metrics) or share of the isolation (per-request features). */
  contribution: number;
}

/** One scored window of one subject: what the tracker turns into incidents. */
export interface WindowVerdict {
  subjectKind: IncidentSubjectKind;
  subject: string;
  windowStart: number;
  windowEnd: number;
  /** Anomaly likelihood in [0, 1] of the most surprising metric that moved in its alerting direction. */
  score: number;
  severity: Severity;
  detector: string;
  /** Ordered by how much each drove the score, strongest first. */
  features: FeatureContribution[];
  explanation: string;
}

/**
 * One change of one incident, ready to publish: its id is the same on every replay of the same
 * windows. The window spans the incident, from its first anomalous window to the last one; the
 * verdict fields are those of its peak (or of the window that raised its severity).
 */
export interface IncidentUpdate extends WindowVerdict {
  eventId: string;
  anomalyId: string;
  revision: number;
  status: IncidentStatus;
}

export interface IncidentTrackerOptions {
  /** A window at or above this score opens an incident. */
  openThreshold: number;
  /** While open, a window at or above this score keeps it going. */
  continueThreshold: number;
  /** Quiet windows (or window lengths without any window) that close an incident. */
  closeAfterQuietWindows: number;
  windowMs: number;
  /** An ongoing incident is re-announced this often even when nothing changed, so dashboards see it is live. */
  heartbeatWindows: number;
  /** Open incidents kept; beyond it the stalest is closed. */
  maxOpenIncidents: number;
}

export const defaultIncidentTrackerOptions: IncidentTrackerOptions = {
  openThreshold: 0.99999,
  continueThreshold: 0.999,
  closeAfterQuietWindows: 3,
  windowMs: 60_000,
  heartbeatWindows: 10,
  maxOpenIncidents: 10_000,
};

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

interface OpenIncident {
  anomalyId: string;
  revision: number;
  firstWindowStart: number;
  /** End of the last anomalous window: the incident's span. */
  lastWindowEnd: number;
  /** End of the last window seen at all, anomalous or quiet: a window seen again is ignored. */
  seenUpTo: number;
  lastAnnouncedWindowEnd: number;
  quietWindows: number;
  latest: WindowVerdict;
  peakScore: number;
  severity: Severity;
}

export type IncidentTrackerState = [string, OpenIncident][];

/** Deterministic incident id: the same subject and first window give the same id after a replay or a restart. */
export function anomalyIdOf(subjectKind: string, subject: string, detector: string, firstWindowStart: number): string {
  return createHash('sha256').update(`${subjectKind}\u0000${subject}\u0000${detector}\u0000${firstWindowStart}`).digest('hex').slice(0, 32);
}

/**
 * Alert de-duplication: one ongoing incident per subject and detector is one anomaly, opened on the
 * first anomalous window, updated when it gets worse (or on a slow heartbeat), and closed after a
 * few quiet windows — not a storm of events.
 */
export class IncidentTracker {
  private readonly open: Map<string, OpenIncident>;

  constructor(
    private readonly options: IncidentTrackerOptions = defaultIncidentTrackerOptions,
    state: IncidentTrackerState = [],
  ) {
    this.open = new Map(state.map(([key, incident]) => [key, structuredClone(incident)]));
  }

  get openIncidents(): number {
    return this.open.size;
  }

  observe(verdict: WindowVerdict): IncidentUpdate[] {
    const key = `${verdict.subjectKind}\u0000${verdict.subject}\u0000${verdict.detector}`;
    const incident = this.open.get(key);
    const o = this.options;
    if (!incident) {
      if (verdict.score < o.openThreshold) return [];
      const opened: OpenIncident = {
        anomalyId: anomalyIdOf(verdict.subjectKind, verdict.subject, verdict.detector, verdict.windowStart),
        revision: 0,
        firstWindowStart: verdict.windowStart,
        lastWindowEnd: verdict.windowEnd,
        seenUpTo: verdict.windowEnd,
        lastAnnouncedWindowEnd: verdict.windowEnd,
        quietWindows: 0,
        latest: verdict,
        peakScore: verdict.score,
        severity: verdict.severity,
      };
      this.open.set(key, opened);
      const updates = [this.update(opened, 'open')];
      if (this.open.size > o.maxOpenIncidents) updates.push(...this.closeStalest());
      return updates;
    }
    if (verdict.windowEnd <= incident.seenUpTo) return []; // a window already seen
    incident.seenUpTo = verdict.windowEnd;
    if (verdict.score < o.continueThreshold) {
      incident.quietWindows++;
      if (incident.quietWindows < o.closeAfterQuietWindows) return [];
      this.open.delete(key);
      return [this.update(incident, 'closed')];
    }
    incident.quietWindows = 0;
    incident.lastWindowEnd = verdict.windowEnd;
    const worse = SEVERITY_RANK[verdict.severity] > SEVERITY_RANK[incident.severity];
    const heartbeat = verdict.windowEnd - incident.lastAnnouncedWindowEnd >= o.heartbeatWindows * o.windowMs;
    if (worse) incident.severity = verdict.severity;
    if (verdict.score >= incident.peakScore || worse) incident.latest = verdict;
    incident.peakScore = Math.max(incident.peakScore, verdict.score);
    if (!worse && !heartbeat) return [];
    incident.lastAnnouncedWindowEnd = verdict.windowEnd;
    return [this.update(incident, 'updated')];
  }

  /**
   * Closes incidents whose subject has gone silent: a scraper that stops sends no more windows.
   * `watermark` is the event time up to which every window has been seen.
   */
  closeSilent(watermark: number): IncidentUpdate[] {
    const closed: IncidentUpdate[] = [];
    const silentFor = this.options.closeAfterQuietWindows * this.options.windowMs;
    for (const [key, incident] of this.open) {
      if (watermark - incident.lastWindowEnd < silentFor) continue;
      this.open.delete(key);
      closed.push(this.update(incident, 'closed'));
    }
    return closed;
  }

  toState(): IncidentTrackerState {
    return structuredClone([...this.open.entries()]);
  }

  private closeStalest(): IncidentUpdate[] {
    let stalestKey: string | undefined;
    let stalest: OpenIncident | undefined;
    for (const [key, incident] of this.open) {
      if (!stalest || incident.lastWindowEnd < stalest.lastWindowEnd) [stalestKey, stalest] = [key, incident];
    }
    if (!stalest || stalestKey === undefined) return [];
    this.open.delete(stalestKey);
    return [this.update(stalest, 'closed')];
  }

  private update(incident: OpenIncident, status: IncidentStatus): IncidentUpdate {
    const revision = status === 'open' ? 0 : ++incident.revision;
    const v = incident.latest;
    return {
      eventId: `${incident.anomalyId}-${revision}`,
      anomalyId: incident.anomalyId,
      revision,
      status,
      subjectKind: v.subjectKind,
      subject: v.subject,
      windowStart: incident.firstWindowStart,
      windowEnd: incident.lastWindowEnd,
      score: incident.peakScore,
      severity: incident.severity,
      detector: v.detector,
      features: v.features,
      explanation: v.explanation,
    };
  }
}
