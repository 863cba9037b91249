import type { RequestLog } from '#contracts';
import { poissonArrivals } from './arrivals';
import { DailyCycle } from './daily-cycle';
import { EventIdSequence } from './event-id';
import { mergeByTime } from './merge-by-time';
import { Random } from './random';
import { CLIENT_ERROR_STATUSES, SERVER_ERROR_STATUSES, SHOP_ROUTES, routeSubject, type RouteProfile } from './request-routes';
import { activeIncidents, incidentEffects, type Incident, type IncidentLabel, type RequestEffects } from './scenarios';
import type { EventSource, TrafficEvent } from './traffic-event';
import type { UserPopulation } from './user-population';
import { WeightedSampler } from './weighted-sampler';

export interface RequestLogOptions {
  seed: number;
  users: UserPopulation;
  /** Mean requests per second over a day; the daily cycle modulates it (default 200). */
  requestsPerSecond?: number;
  routes?: readonly RouteProfile[];
  incidents?: readonly Incident[];
  cycle?: DailyCycle;
  /** Ordinary clients (IPv4-like ids) with Zipf-like activity (default 5000). */
  normalClients?: number;
  /** API-key clients that each send far more than an ordinary client (default 5). */
  heavyClients?: number;
  /** Share of all requests made by the heavy clients (default 0.12). */
  heavyShare?: number;
}

const PAYLOAD_TOO_LARGE_SHARE = 0.15;
const BOT_NOT_FOUND_SHARE = 0.1;

/**
 * Request logs of the shop web tier: a Poisson stream whose rate follows the daily cycle, each
 * request with a route drawn by traffic share, a client (many ordinary, a few heavy API clients),
 * lognormal latency and sizes per route and a realistic status mix; incidents change the requests
 * they cover (and label them), a scraping bot adds its own.
 */
export class RequestLogSource implements EventSource {
  private readonly rng: Random;
  private readonly ids: EventIdSequence;
  private readonly requestsPerSecond: number;
  private readonly routes: readonly RouteProfile[];
  private readonly routeKeys: readonly string[];
  private readonly incidents: readonly Incident[];
  private readonly cycle: DailyCycle;
  private readonly users: UserPopulation;
  private readonly routeSampler: WeightedSampler;
  private readonly heavyRouteSampler: WeightedSampler;
  private readonly heavyRouteIndex: readonly number[];
  private readonly clientSampler: WeightedSampler;
  private readonly clientIds: readonly string[];
  private readonly clientUsers: readonly string[];
  private readonly heavyIds: readonly string[];
  private readonly heavyShare: number;
  private readonly botRoutes: readonly number[];
  private readonly effects: RequestEffects = { latencyFactor: 1, serverErrorShare: 0, payloadBytesMedian: 0, label: null };
  private readonly active: Incident[] = [];
  private readonly times: number[] = [];
  private readonly normal: TrafficEvent[] = [];
  private readonly extra: TrafficEvent[] = [];

  constructor(options: RequestLogOptions) {
    this.requestsPerSecond = options.requestsPerSecond ?? 200;
    this.routes = options.routes ?? SHOP_ROUTES;
    this.incidents = options.incidents ?? [];
    this.cycle = options.cycle ?? new DailyCycle();
    this.users = options.users;
    this.heavyShare = options.heavyShare ?? 0.12;
    if (!(this.requestsPerSecond >= 0)) throw new RangeError(`requestsPerSecond must be ≥ 0, got ${this.requestsPerSecond}`);
    if (this.routes.length === 0) throw new RangeError('request logs need at least one route');
    if (!(this.heavyShare >= 0 && this.heavyShare <= 1)) throw new RangeError(`heavyShare must be within 0-1, got ${this.heavyShare}`);

    const normalClients = options.normalClients ?? 5000;
    const heavy = options.heavyClients ?? 5;
    if (!Number.isInteger(normalClients) || normalClients < 1) throw new RangeError(`normalClients must be a positive integer, got ${normalClients}`);
    if (!Number.isInteger(heavy) || heavy < 0) throw new RangeError(`heavyClients must be a non-negative integer, got ${heavy}`);

    const setup = Random.derive(options.seed, 'request-log-setup');
    this.rng = Random.derive(options.seed, 'request-log');
    this.ids = new EventIdSequence(options.seed, 'request-log');
    this.routeKeys = this.routes.map((r) => routeSubject(r.service, r.route));
    this.routeSampler = new WeightedSampler(this.routes.map((r) => r.share));
    const apiRoutes = this.routes.map((r, i) => ({ r, i })).filter(({ r }) => r.service === 'api');
    const heavyPool = apiRoutes.length > 0 ? apiRoutes : this.routes.map((r, i) => ({ r, i }));
    this.heavyRouteIndex = heavyPool.map((c) => c.i);
    this.heavyRouteSampler = new WeightedSampler(heavyPool.map((c) => c.r.share));

    this.clientIds = normalClientIds(setup, normalClients);
    this.clientSampler = new WeightedSampler(this.clientIds.map((_, i) => 1 / (i + 10)));
    this.clientUsers = this.clientIds.map(() => this.users.sample(setup));
    this.heavyIds = Array.from({ length: heavy }, (_, i) => `key-partner-${String(i + 1).padStart(2, '0')}`);
    if (heavy === 0) this.heavyShare = 0;
    this.botRoutes = botRouteIndexes(this.routes);
  }

  emit(fromMs: number, toMs: number, out: TrafficEvent[]): void {
    const active = activeIncidents(this.incidents, fromMs, toMs, this.active);
    const rate = this.requestsPerSecond * this.cycle.at((fromMs + toMs) / 2);
    const times = poissonArrivals(this.rng, rate, fromMs, toMs, this.times);
    const hasBot = active.some((i) => i.label.scenario === 'scraping-bot');
    const target = hasBot ? this.normal : out;
    if (hasBot) this.normal.length = 0;
    for (let i = 0; i < times.length; i++) target.push(this.normalRequest(times[i] as number, active));
    if (!hasBot) return;
    this.extra.length = 0;
    for (const incident of active) if (incident.label.scenario === 'scraping-bot') this.botRequests(incident, fromMs, toMs, this.extra);
    if (active.filter((i) => i.label.scenario === 'scraping-bot').length > 1) this.extra.sort((a, b) => a.value.event_time - b.value.event_time);
    mergeByTime(this.normal, this.extra, out);
  }

  private normalRequest(time: number, active: readonly Incident[]): TrafficEvent {
    const rng = this.rng;
    const heavy = this.heavyShare > 0 && rng.next() < this.heavyShare;
    let routeIndex: number;
    let clientId: string;
    let userId: string | null = null;
    if (heavy) {
      routeIndex = this.heavyRouteIndex[this.heavyRouteSampler.sample(rng)] as number;
      clientId = this.heavyIds[rng.int(0, this.heavyIds.length)] as string;
    } else {
      routeIndex = this.routeSampler.sample(rng);
      const client = this.clientSampler.sample(rng);
      clientId = this.clientIds[client] as string;
      if (rng.next() < (this.routes[routeIndex] as RouteProfile).loggedInShare) userId = this.clientUsers[client] as string;
    }
    const route = this.routes[routeIndex] as RouteProfile;
    const effects = active.length === 0 ? null : incidentEffects(active, this.routeKeys[routeIndex] as string, route.service, time, this.effects);
    return this.request(time, routeIndex, route, clientId, userId, effects, effects?.label ?? null);
  }

  private botRequests(incident: Incident, fromMs: number, toMs: number, out: TrafficEvent[]): void {
    const from = Math.max(fromMs, incident.label.start);
    const to = Math.min(toMs, incident.label.end);
    const times = poissonArrivals(this.rng, incident.intensity, from, to, this.times);
    for (let i = 0; i < times.length; i++) {
      const routeIndex = this.botRoutes[this.rng.next() < 0.7 ? 0 : 1] as number;
      const route = this.routes[routeIndex] as RouteProfile;
      const event = this.request(times[i] as number, routeIndex, route, incident.label.subject, null, null, incident.label);
      if (this.rng.next() < BOT_NOT_FOUND_SHARE) {
        const value = event.value as RequestLog;
        value.status = 404;
        value.response_bytes = Math.round(this.rng.lognormalMedian(1_500, 0.2));
      }
      out.push(event);
    }
  }

  private request(
    time: number,
    routeIndex: number,
    route: RouteProfile,
    clientId: string,
    userId: string | null,
    effects: RequestEffects | null,
    label: IncidentLabel | null,
  ): TrafficEvent {
    const rng = this.rng;
    const status = this.status(route, effects);
    let latency = route.latencyMedianMs * Math.exp(route.latencySigma * rng.normal()) * statusLatencyFactor(status);
    if (status === 504) latency = 30_000 * rng.uniform(0.98, 1.02);
    if (effects !== null) latency *= effects.latencyFactor;
    const requestBytes =
      effects !== null && effects.payloadBytesMedian > 0
        ? rng.lognormalMedian(effects.payloadBytesMedian, 0.4)
        : rng.lognormalMedian(route.requestBytesMedian, route.method === 'GET' ? 0.25 : 0.5);
    const value: RequestLog = {
      event_id: this.ids.next(),
      event_time: time,
      service: route.service,
      route: route.route,
      method: route.method,
      status,
      response_time_ms: Math.round(latency * 100) / 100,
      request_bytes: Math.round(requestBytes),
      response_bytes: Math.round(responseBytes(rng, route, status)),
      client_id: clientId,
      user_id: userId,
    };
    return { topic: 'request-log', key: this.routeKeys[routeIndex] as string, value, incident: label };
  }

  private status(route: RouteProfile, effects: RequestEffects | null): number {
    const rng = this.rng;
    if (effects !== null) {
      if (effects.serverErrorShare > 0 && rng.next() < effects.serverErrorShare) return rng.choice(SERVER_ERROR_STATUSES);
      if (effects.payloadBytesMedian > 0 && rng.next() < PAYLOAD_TOO_LARGE_SHARE) return 413;
    }
    const mix = route.status;
    let u = rng.next();
    if (route.method === 'GET') {
      if (u < mix.notModified) return 304;
      u -= mix.notModified;
    }
    if (u < mix.notFound) return 404;
    u -= mix.notFound;
    if (u < mix.clientError) return rng.choice(CLIENT_ERROR_STATUSES);
    u -= mix.clientError;
    if (u < mix.serverError) return rng.choice(SERVER_ERROR_STATUSES);
    return mix.ok;
  }
}

function statusLatencyFactor(status: number): number {
  if (status < 300) return 1;
  if (status === 304) return 0.5;
  if (status === 404) return 0.6;
  if (status === 413) return 0.3;
  if (status < 500) return 0.5;
  if (status === 500) return 1.5;
  return status === 502 ? 0.3 : 0.2;
}

function responseBytes(rng: Random, route: RouteProfile, status: number): number {
  if (status < 300) return rng.lognormalMedian(route.responseBytesMedian, route.responseBytesSigma);
  if (status === 304) return rng.lognormalMedian(180, 0.1);
  if (status === 404) return rng.lognormalMedian(1_500, 0.2);
  if (status < 500) return rng.lognormalMedian(420, 0.2);
  return rng.lognormalMedian(300, 0.2);
}

/** Distinct IPv4-like ids outside 198.51.100.0/24, the range scraping bots are drawn from. */
function normalClientIds(rng: Random, count: number): string[] {
  const ids = new Set<string>();
  while (ids.size < count) ids.add(`${rng.int(11, 191)}.${rng.int(0, 256)}.${rng.int(0, 256)}.${rng.int(1, 255)}`);
  return [...ids];
}

/** Product pages and search, the routes a scraper walks; the two busiest GET routes when absent. */
function botRouteIndexes(routes: readonly RouteProfile[]): number[] {
  const find = (path: string): number => routes.findIndex((r) => r.route === path && r.method === 'GET');
  const wanted = [find('/products/:id'), find('/search')];
  if (wanted.every((i) => i >= 0)) return wanted;
  const gets = routes
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.method === 'GET')
    .sort((a, b) => b.r.share - a.r.share)
    .map((c) => c.i);
  const pool = gets.length > 0 ? gets : [0];
  return [pool[0] as number, (pool[1] ?? pool[0]) as number];
}
