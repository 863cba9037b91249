import { HOUR_MS, MINUTE_MS } from './calendar';
import { Random } from './random';
import { routeSubject, type RouteProfile } from './request-routes';

export type ScenarioKind = 'latency-spike' | 'error-burst' | 'scraping-bot' | 'payload-flood' | 'slow-drift';
export const SCENARIO_KINDS: readonly ScenarioKind[] = ['latency-spike', 'error-burst', 'scraping-bot', 'payload-flood', 'slow-drift'];

export type SubjectKind = 'route' | 'service' | 'client';

/**
 * Ground truth of one incident, and the label carried by every request-log event generated inside
 * it. `subject` is `service/route` (e.g. `web/products/:id`), a service name, or a client id;
 * the window is [start, end) in epoch ms.
 */
export interface IncidentLabel {
  readonly scenario: ScenarioKind;
  readonly subject_kind: SubjectKind;
  readonly subject: string;
  readonly start: number;
  readonly end: number;
}

/**
 * What to inject. Omitted fields are planned from the seed. `intensity` means, by scenario:
 * latency-spike — latency multiplier (default 5-10); error-burst — share of 5xx (0.3-0.6);
 * scraping-bot — the bot's requests per second (20-40); payload-flood — median request bytes
 * (2-8 MB); slow-drift — latency multiplier reached at the end (3-6).
 */
export interface IncidentRequest {
  scenario: ScenarioKind;
  start?: number;
  end?: number;
  /** `service/route`, service name or client id, matching the scenario's subject kind. */
  subject?: string;
  intensity?: number;
}

/** A planned incident: its label plus what the request-log generator needs to apply it. */
export interface Incident {
  readonly label: IncidentLabel;
  /** `service/route` key for route subjects (every method of the route), else null. */
  readonly routeKey: string | null;
  /** Service name for service subjects, else null. */
  readonly service: string | null;
  readonly intensity: number;
}

/** How incidents change one normal request; filled by `incidentEffects`. */
export interface RequestEffects {
  latencyFactor: number;
  /** Share of requests forced to a 5xx, or 0. */
  serverErrorShare: number;
  /** Median request bytes of a flood, or 0. */
  payloadBytesMedian: number;
  label: IncidentLabel | null;
}

interface ScenarioDefaults {
  subjectKind: SubjectKind;
  minDurationMs: number;
  maxDurationMs: number;
  minIntensity: number;
  maxIntensity: number;
}

const DEFAULTS: Record<ScenarioKind, ScenarioDefaults> = {
  'latency-spike': { subjectKind: 'route', minDurationMs: 10 * MINUTE_MS, maxDurationMs: 30 * MINUTE_MS, minIntensity: 5, maxIntensity: 10 },
  'error-burst': { subjectKind: 'service', minDurationMs: 5 * MINUTE_MS, maxDurationMs: 20 * MINUTE_MS, minIntensity: 0.3, maxIntensity: 0.6 },
  'scraping-bot': { subjectKind: 'client', minDurationMs: 20 * MINUTE_MS, maxDurationMs: 60 * MINUTE_MS, minIntensity: 20, maxIntensity: 40 },
  'payload-flood': { subjectKind: 'route', minDurationMs: 5 * MINUTE_MS, maxDurationMs: 15 * MINUTE_MS, minIntensity: 2_000_000, maxIntensity: 8_000_000 },
  'slow-drift': { subjectKind: 'route', minDurationMs: 3 * HOUR_MS, maxDurationMs: 6 * HOUR_MS, minIntensity: 3, maxIntensity: 6 },
};

export interface IncidentPlanOptions {
  seed: number;
  /** Window the planned incidents are spread over (each gets its own slot, so they do not overlap). */
  from: number;
  to: number;
  requests: ReadonlyArray<ScenarioKind | IncidentRequest>;
  routes: readonly RouteProfile[];
}

/** Turns scenario requests into concrete incidents: subject, window and intensity, deterministic from the seed. */
export function planIncidents(options: IncidentPlanOptions): Incident[] {
  const { from, to, routes } = options;
  const requests = options.requests.map((r) => (typeof r === 'string' ? { scenario: r } : r));
  if (requests.length === 0) return [];
  if (!(to > from)) throw new RangeError(`incident window must be non-empty, got [${from}, ${to})`);
  const slotMs = (to - from) / requests.length;
  return requests.map((request, slot) => {
    const defaults = DEFAULTS[request.scenario];
    if (!defaults) throw new RangeError(`unknown scenario "${String(request.scenario)}"; expected one of ${SCENARIO_KINDS.join(', ')}`);
    const rng = Random.derive(options.seed, 'incident', slot, request.scenario);
    const plannedDuration = Math.min(Math.round(rng.uniform(defaults.minDurationMs, defaults.maxDurationMs)), Math.floor(slotMs * 0.8));
    const start = request.start ?? Math.floor(from + slot * slotMs + (slotMs - plannedDuration) * rng.uniform(0.2, 0.8));
    const end = request.end ?? start + plannedDuration;
    if (!(end > start)) throw new RangeError(`incident ${request.scenario} needs end > start, got [${start}, ${end})`);
    const intensity = request.intensity ?? rng.uniform(defaults.minIntensity, defaults.maxIntensity);
    return resolveSubject(request, defaults.subjectKind, routes, rng, { start, end, intensity });
  });
}

function resolveSubject(
  request: IncidentRequest,
  subjectKind: SubjectKind,
  routes: readonly RouteProfile[],
  rng: Random,
  window: { start: number; end: number; intensity: number },
): Incident {
  const label = (subject: string): IncidentLabel => ({ scenario: request.scenario, subject_kind: subjectKind, subject, start: window.start, end: window.end });
  if (subjectKind === 'client') {
    const client = request.subject ?? `198.51.100.${rng.int(2, 255)}`;
    return { label: label(client), routeKey: null, service: null, intensity: window.intensity };
  }
  if (subjectKind === 'service') {
    const services = [...new Set(routes.map((r) => r.service))];
    const service = request.subject ?? rng.choice(services);
    if (!services.includes(service)) throw new RangeError(`incident ${request.scenario}: unknown service "${service}"; known: ${services.join(', ')}`);
    return { label: label(service), routeKey: null, service, intensity: window.intensity };
  }
  const routeIndex = request.subject === undefined ? pickRoute(request.scenario, routes, rng) : routes.findIndex((r) => routeSubject(r.service, r.route) === request.subject);
  const chosen = routes[routeIndex];
  if (!chosen) {
    throw new RangeError(`incident ${request.scenario}: unknown route "${request.subject}"; known: ${routes.map((r) => routeSubject(r.service, r.route)).join(', ')}`);
  }
  const routeKey = routeSubject(chosen.service, chosen.route);
  return { label: label(routeKey), routeKey, service: null, intensity: window.intensity };
}

/** A route busy enough for the incident to be visible; payload floods hit routes that take a body (or search). */
function pickRoute(scenario: ScenarioKind, routes: readonly RouteProfile[], rng: Random): number {
  const total = routes.reduce((sum, r) => sum + r.share, 0);
  const candidates = routes
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => (scenario === 'payload-flood' ? r.method !== 'GET' || r.route === '/search' : r.share / total >= 0.03));
  const pool = candidates.length > 0 ? candidates : routes.map((r, i) => ({ r, i }));
  return rng.weightedChoice(
    pool.map((c) => c.i),
    pool.map((c) => c.r.share),
  );
}

/** Incidents overlapping [fromMs, toMs). */
export function activeIncidents(incidents: readonly Incident[], fromMs: number, toMs: number, out: Incident[]): Incident[] {
  out.length = 0;
  for (const incident of incidents) if (incident.label.start < toMs && incident.label.end > fromMs) out.push(incident);
  return out;
}

/** Effects of the active incidents on one normal request of a route at time t (last matching label wins). */
export function incidentEffects(active: readonly Incident[], routeKey: string, service: string, t: number, effects: RequestEffects): RequestEffects {
  effects.latencyFactor = 1;
  effects.serverErrorShare = 0;
  effects.payloadBytesMedian = 0;
  effects.label = null;
  for (const incident of active) {
    const { label } = incident;
    if (t < label.start || t >= label.end) continue;
    switch (label.scenario) {
      case 'latency-spike':
        if (incident.routeKey !== routeKey) continue;
        effects.latencyFactor *= incident.intensity;
        break;
      case 'slow-drift':
        if (incident.routeKey !== routeKey) continue;
        effects.latencyFactor *= 1 + ((incident.intensity - 1) * (t - label.start)) / (label.end - label.start);
        break;
      case 'payload-flood':
        if (incident.routeKey !== routeKey) continue;
        effects.payloadBytesMedian = incident.intensity;
        effects.latencyFactor *= 2;
        break;
      case 'error-burst':
        if (incident.service !== service) continue;
        effects.serverErrorShare = Math.max(effects.serverErrorShare, incident.intensity);
        break;
      case 'scraping-bot':
        continue; // the bot adds its own requests; normal ones are untouched
    }
    effects.label = label;
  }
  return effects;
}
