import type { IncidentUpdate } from '../monitor/incident-tracker';

/** The generator's ground truth of one injected incident (the shape of its IncidentLabel). */
export interface LabelledIncident {
  scenario: string;
  subject_kind: 'route' | 'service' | 'client';
  subject: string;
  start: number;
  end: number;
}

export interface IncidentDetection {
  scenario: string;
  subject: string;
  detected: boolean;
  /** From the incident's start to the end of the first window that opened an anomaly on its subject. */
  delayMs: number | null;
  anomalyId: string | null;
}

export interface IncidentEvaluation {
  incidents: IncidentDetection[];
  detected: number;
  /** Opened anomalies that no incident explains. */
  falseAlerts: number;
  falseAlertUpdates: IncidentUpdate[];
  /** Opened anomalies explained by an incident (its subject, or one it spills onto). */
  explainedAlerts: number;
  meanDelayMs: number | null;
}

const serviceOf = (route: string) => route.split('/')[0]!;

/** Does this anomaly's subject show this incident: its own subject, or a route or service it spills onto? */
function explains(incident: LabelledIncident, anomaly: IncidentUpdate): boolean {
  if (anomaly.subject === incident.subject) return true;
  const rateLed = anomaly.features[0]?.name === 'requests_per_second';
  switch (incident.subject_kind) {
    case 'route': // a slow or flooded route slows its service
      return anomaly.subjectKind === 'service' && anomaly.subject === serviceOf(incident.subject);
    case 'service': // a failing service fails on its routes
      return (anomaly.subjectKind === 'route' || anomaly.subjectKind === 'request') && serviceOf(anomaly.subject) === incident.subject;
    case 'client': // a scraper's requests raise the rate of the routes and services it hits
      return rateLed && anomaly.subjectKind !== 'client';
  }
}

/** Is this anomaly on the incident's own subject (for routes, as windowed or per-request evidence)? */
function onSubject(incident: LabelledIncident, anomaly: IncidentUpdate): boolean {
  if (anomaly.subject !== incident.subject) return false;
  return incident.subject_kind === 'route' ? anomaly.subjectKind === 'route' || anomaly.subjectKind === 'request' : anomaly.subjectKind === incident.subject_kind;
}

/**
 * Matches opened anomalies to the generator's labelled incidents: an incident is detected by the
 * first anomaly on its subject whose window overlaps it (up to `graceMs` after its end); anomalies
 * that no incident explains are false alerts.
 */
export function evaluateIncidents(incidents: readonly LabelledIncident[], updates: readonly IncidentUpdate[], graceMs = 5 * 60_000): IncidentEvaluation {
  const opened = updates.filter((u) => u.status === 'open');
  const overlaps = (i: LabelledIncident, a: IncidentUpdate) => a.windowEnd > i.start && a.windowStart < i.end + graceMs;
  const detections = incidents.map((incident): IncidentDetection => {
    const first = opened.filter((a) => overlaps(incident, a) && onSubject(incident, a)).sort((a, b) => a.windowEnd - b.windowEnd)[0];
    return {
      scenario: incident.scenario,
      subject: incident.subject,
      detected: first !== undefined,
      delayMs: first ? Math.max(0, first.windowEnd - incident.start) : null,
      anomalyId: first?.anomalyId ?? null,
    };
  });
  const explained = opened.filter((a) => incidents.some((i) => overlaps(i, a) && explains(i, a)));
  const delays = detections.flatMap((d) => (d.delayMs === null ? [] : [d.delayMs]));
  return {
    incidents: detections,
    detected: delays.length,
    falseAlerts: opened.length - explained.length,
    falseAlertUpdates: opened.filter((a) => !explained.includes(a)),
    explainedAlerts: explained.length,
    meanDelayMs: delays.length === 0 ? null : delays.reduce((a, b) => a + b, 0) / delays.length,
  };
}
