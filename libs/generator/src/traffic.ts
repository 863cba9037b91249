import { DAY_MS } from './calendar';
import { createCatalogue, productEvent, type Catalogue, type CatalogueOptions } from './catalogue';
import { DailyCycle } from './daily-cycle';
import { DemandModel, type DemandOptions } from './demand';
import { eventId } from './event-id';
import { FeedbackSource, createHiddenPreferences, type HiddenPreference } from './feedback';
import { mergeByTime } from './merge-by-time';
import { RequestLogSource } from './request-log';
import { SHOP_ROUTES, type RouteProfile } from './request-routes';
import { LiveSalesSource, salesHistory } from './sales';
import { SCENARIO_KINDS, planIncidents, type Incident, type IncidentLabel, type IncidentRequest, type ScenarioKind } from './scenarios';
import type { EventSource, TopicEvent, TrafficEvent } from './traffic-event';
import { UserPopulation } from './user-population';

export interface TrafficOptions {
  seed: number;
  /** Event time of the first batch, epoch ms. */
  start: number;
  /** Exclusive end of `batches()`; omitted: endless. */
  end?: number;
  /** Event-time width of one batch (default 1000 ms). Output depends on it: keep it fixed to reproduce a run. */
  batchMs?: number;
  /** Catalogue size (default 200) and shape. */
  products?: number;
  catalogue?: Omit<CatalogueOptions, 'seed' | 'size'>;
  /** Demand model; its trend origin defaults to `start`. */
  demand?: Omit<DemandOptions, 'seed' | 'origin'> & { origin?: number };
  /** Shop users (default 20 000). */
  users?: number;
  /** Mean sale lines per second at base demand (default 5; 0 turns sales off). */
  salesLinesPerSecond?: number;
  /** Mean requests per second over a day (default 200; 0 turns request logs off). */
  requestsPerSecond?: number;
  /** Mean feedback events per second (default 0.5; 0 turns feedback off). */
  feedbackPerSecond?: number;
  /** Users giving feedback, the first ones of the population (default 40). */
  feedbackUsers?: number;
  routes?: readonly RouteProfile[];
  /** Relative activity of each UTC hour, 24 values (default `SHOP_HOURLY_ACTIVITY`: night lull, evening peak). */
  hourlyActivity?: readonly number[];
  /**
   * Incidents to inject: 'all' (one of each scenario), flags (`{ 'latency-spike': true }`), or a list
   * of scenarios / detailed requests (subject, window, intensity).
   */
  incidents?: 'all' | Partial<Record<ScenarioKind, boolean>> | ReadonlyArray<ScenarioKind | IncidentRequest>;
  /** Window over which unplaced incidents are spread (default [start, end), or one day from start). */
  incidentWindow?: { from: number; to: number };
}

/** Events of one event-time window [from, to), time-ordered across topics. May be empty. */
export interface TrafficBatch {
  readonly from: number;
  readonly to: number;
  readonly events: TrafficEvent[];
}

export interface TrafficGroundTruth {
  /** Every injected incident; request-log events inside one carry the same record as `incident`. */
  readonly incidents: readonly IncidentLabel[];
  /** Hidden preference of every feedback user. */
  readonly preferences: readonly HiddenPreference[];
  /**
   * Expected units of a product on a day in the live `sales` stream are
   * `demand.expected(product, day) × salesScale`; the history backfill has scale 1 (`demand.truth`).
   */
  readonly salesScale: number;
}

export interface Traffic {
  readonly seed: number;
  readonly start: number;
  readonly end: number | undefined;
  readonly batchMs: number;
  readonly catalogue: Catalogue;
  readonly demand: DemandModel;
  readonly users: UserPopulation;
  readonly incidents: readonly Incident[];
  /** `products` topic events for the whole catalogue at an event time (default `start`). */
  catalogueEvents(eventTime?: number): TopicEvent<'products'>[];
  /** Time-ordered batches from `start` to `end` (endless without `end`); each call starts afresh, identically. */
  batches(): Generator<TrafficBatch>;
  [Symbol.iterator](): Generator<TrafficBatch>;
  /** Exactly `count` events from `start` (ignoring `end`), in batches; the same events `batches()` gives first. */
  take(count: number): Generator<TrafficEvent[]>;
  /** Aggregated daily sales history for a backfill over [from, to), one batch per UTC day. */
  history(from: number, to: number, maxEventsPerProductDay?: number): Generator<TopicEvent<'sales'>[]>;
  groundTruth(): TrafficGroundTruth;
}

/** A deterministic synthetic shop: catalogue, sales, request logs with incidents, and design feedback. */
export function createTraffic(options: TrafficOptions): Traffic {
  const { seed, start, end } = options;
  const batchMs = options.batchMs ?? 1000;
  if (!Number.isInteger(start)) throw new RangeError(`start must be integer epoch milliseconds, got ${start}`);
  if (end !== undefined && !(Number.isInteger(end) && end > start)) throw new RangeError(`end must be an integer after start (${start}), got ${end}`);
  if (!Number.isInteger(batchMs) || batchMs < 1) throw new RangeError(`batchMs must be a positive integer, got ${batchMs}`);

  const catalogue = createCatalogue({ ...options.catalogue, seed, size: options.products ?? 200 });
  const demand = new DemandModel(catalogue, { ...options.demand, seed, origin: options.demand?.origin ?? start });
  const users = new UserPopulation(options.users ?? 20_000);
  const cycle = new DailyCycle(options.hourlyActivity);
  const routes = options.routes ?? SHOP_ROUTES;
  const window = options.incidentWindow ?? { from: start, to: end ?? start + DAY_MS };
  const requests = incidentRequests(options.incidents);
  const incidents = planIncidents({ seed, from: window.from, to: window.to, requests, routes });
  const feedbackUserIds = users.ids.slice(0, options.feedbackUsers ?? 40);
  const rates = [options.salesLinesPerSecond ?? 5, options.requestsPerSecond ?? 200, options.feedbackPerSecond ?? 0.5] as const;
  const salesOptions = { seed, linesPerSecond: rates[0], cycle };

  const createSources = (): EventSource[] => [
    new LiveSalesSource(demand, users, salesOptions),
    new RequestLogSource({ seed, users, requestsPerSecond: rates[1], routes, incidents, cycle }),
    new FeedbackSource({ seed, userIds: feedbackUserIds, feedbackPerSecond: rates[2], cycle }),
  ];

  function* batches(until: number | undefined): Generator<TrafficBatch> {
    const sources = createSources();
    const buffers: TrafficEvent[][] = sources.map(() => []);
    for (let from = start; until === undefined || from < until; ) {
      const to = until === undefined ? from + batchMs : Math.min(until, from + batchMs);
      sources.forEach((source, i) => {
        const buffer = buffers[i] as TrafficEvent[];
        buffer.length = 0;
        source.emit(from, to, buffer);
      });
      yield { from, to, events: mergeAll(buffers) };
      from = to;
    }
  }

  const traffic: Traffic = {
    seed,
    start,
    end,
    batchMs,
    catalogue,
    demand,
    users,
    incidents,
    catalogueEvents: (eventTime = start) =>
      catalogue.products.map((p) => ({
        topic: 'products' as const,
        key: p.product_id,
        value: productEvent(p, eventTime, eventId(seed, `products@${eventTime}`, p.index)),
        incident: null,
      })),
    batches: () => batches(end),
    [Symbol.iterator]: () => batches(end),
    take: function* (count: number) {
      if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`count must be a non-negative integer, got ${count}`);
      let remaining = count;
      if (remaining === 0) return;
      if (rates.every((r) => r === 0)) throw new RangeError('take() needs a non-zero salesLinesPerSecond, requestsPerSecond or feedbackPerSecond');
      for (const batch of batches(undefined)) {
        if (batch.events.length === 0) continue;
        if (batch.events.length >= remaining) {
          yield batch.events.slice(0, remaining);
          return;
        }
        remaining -= batch.events.length;
        yield batch.events;
      }
    },
    history: function* (from: number, to: number, maxEventsPerProductDay?: number) {
      for (const day of salesHistory(demand, { from, to, maxEventsPerProductDay, cycle })) {
        yield day.map((value) => ({ topic: 'sales' as const, key: value.product_id, value, incident: null }));
      }
    },
    groundTruth: () => ({
      incidents: incidents.map((i) => i.label),
      preferences: createHiddenPreferences(seed, feedbackUserIds),
      salesScale: new LiveSalesSource(demand, users, salesOptions).unitsPerExpectedUnit,
    }),
  };
  return traffic;
}

function incidentRequests(incidents: TrafficOptions['incidents']): ReadonlyArray<ScenarioKind | IncidentRequest> {
  if (incidents === undefined) return [];
  if (incidents === 'all') return SCENARIO_KINDS;
  if (Array.isArray(incidents)) return incidents as ReadonlyArray<ScenarioKind | IncidentRequest>;
  const flags = incidents as Partial<Record<ScenarioKind, boolean>>;
  const unknown = Object.keys(flags).filter((k) => !SCENARIO_KINDS.includes(k as ScenarioKind));
  if (unknown.length > 0) throw new RangeError(`unknown scenario flag(s) ${unknown.join(', ')}; expected ${SCENARIO_KINDS.join(', ')}`);
  return SCENARIO_KINDS.filter((kind) => flags[kind] === true);
}

/** One time-ordered array from several time-ordered arrays (ties keep source order). */
function mergeAll(buffers: readonly TrafficEvent[][]): TrafficEvent[] {
  const nonEmpty = buffers.filter((b) => b.length > 0);
  if (nonEmpty.length === 0) return [];
  let merged = (nonEmpty[0] as TrafficEvent[]).slice();
  for (let i = 1; i < nonEmpty.length; i++) {
    const out: TrafficEvent[] = [];
    mergeByTime(merged, nonEmpty[i] as TrafficEvent[], out);
    merged = out;
  }
  return merged;
}
