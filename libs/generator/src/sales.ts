import type { Sale } from '#contracts';
import { poissonArrivals } from './arrivals';
import { dayNumber, dayStartMs } from './calendar';
import type { CatalogueProduct } from './catalogue';
import { DailyCycle } from './daily-cycle';
import type { DemandModel } from './demand';
import { EventIdSequence, eventId, shortId } from './event-id';
import { Random } from './random';
import type { EventSource, TrafficEvent } from './traffic-event';
import type { UserPopulation } from './user-population';
import { WeightedSampler } from './weighted-sampler';

const MAX_EVENTS_PER_PRODUCT_DAY = 8;

export interface SalesHistoryOptions {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** A product-day's units are split over 1 … this many events (default 3, at most 8). */
  maxEventsPerProductDay?: number;
  cycle?: DailyCycle;
}

/**
 * Aggregated history for a backfill: one time-ordered batch per UTC day, each product-day's sampled
 * units spread over a few `Sale` events (no order or user). Ids and times are a pure function of
 * (seed, product, day), so backfilling an overlapping range again yields the same events.
 */
export function* salesHistory(model: DemandModel, options: SalesHistoryOptions): Generator<Sale[]> {
  const maxEvents = options.maxEventsPerProductDay ?? 3;
  if (!Number.isInteger(maxEvents) || maxEvents < 1 || maxEvents > MAX_EVENTS_PER_PRODUCT_DAY) {
    throw new RangeError(`maxEventsPerProductDay must be an integer 1-${MAX_EVENTS_PER_PRODUCT_DAY}, got ${maxEvents}`);
  }
  if (!(options.to > options.from)) return;
  const cycle = options.cycle ?? new DailyCycle();
  const products = model.products;
  const lastDay = dayNumber(options.to - 1);
  for (let day = dayNumber(options.from); day <= lastDay; day++) {
    const batch: Sale[] = [];
    for (const product of products) {
      appendProductDay(model, product, day, maxEvents, cycle, batch);
    }
    batch.sort((a, b) => a.event_time - b.event_time);
    const inRange = batch.filter((s) => s.event_time >= options.from && s.event_time < options.to);
    if (inRange.length > 0) yield inRange;
  }
}

function appendProductDay(model: DemandModel, product: CatalogueProduct, day: number, maxEvents: number, cycle: DailyCycle, out: Sale[]): void {
  const units = model.sampleDailyUnits(product.index, day);
  if (units <= 0) return;
  const rng = Random.derive(model.seed, 'history-split', product.index, day);
  const parts = Math.min(units, rng.int(1, maxEvents + 1));
  const quantities = splitUnits(rng, units, parts);
  const times = quantities.map(() => dayStartMs(day) + cycle.sampleTimeOfDay(rng)).sort((a, b) => a - b);
  const discount = model.discountPct(product.index, day);
  const base = (day * model.products.length + product.index) * MAX_EVENTS_PER_PRODUCT_DAY;
  quantities.forEach((quantity, part) => {
    out.push({
      event_id: eventId(model.seed, 'sales-history', base + part),
      event_time: times[part] as number,
      product_id: product.product_id,
      quantity,
      unit_price: product.price,
      discount_pct: discount,
      category: product.category,
      region: product.region,
      order_id: null,
      user_id: null,
    });
  });
}

/** Splits `units` into `parts` positive integers with random proportions. */
function splitUnits(rng: Random, units: number, parts: number): number[] {
  if (parts === 1) return [units];
  const weights = Array.from({ length: parts }, () => rng.next() + 0.2);
  const total = weights.reduce((a, b) => a + b, 0);
  const extra = units - parts;
  const quantities = weights.map((w) => 1 + Math.floor((extra * w) / total));
  const assigned = quantities.reduce((a, b) => a + b, 0);
  quantities[parts - 1] = (quantities[parts - 1] as number) + units - assigned;
  return quantities;
}

export interface LiveSalesOptions {
  seed: number;
  /** Mean sale lines (events) per second at base demand; the daily cycle and demand modulate it (default 5). */
  linesPerSecond?: number;
  /** Lines per order are 1 + Poisson(meanExtraLines) (default 0.7). */
  meanExtraLines?: number;
  /** Units per line are 1 + Poisson(meanExtraUnits) (default 0.25). */
  meanExtraUnits?: number;
  /** Share of orders placed without a user account (default 0.1). */
  guestShare?: number;
  cycle?: DailyCycle;
}

interface DayMix {
  day: number;
  /** Total expected units that day relative to the catalogue's base demand. */
  factor: number;
  sampler: WeightedSampler | null;
  discounts: Float64Array;
}

/**
 * Live orders as a Poisson process: order rate = linesPerSecond / lines-per-order × daily cycle ×
 * the day's total expected demand relative to base; each line's product is drawn by that day's
 * expected demand (so promotions raise and stock-outs stop a product's sales). Expected units of a
 * product per day are `unitsPerExpectedUnit × model.expected(product, day)`.
 */
export class LiveSalesSource implements EventSource {
  /** Scale from the demand model's expected units to this stream's expected units per day. */
  readonly unitsPerExpectedUnit: number;
  private readonly rng: Random;
  private readonly ids: EventIdSequence;
  private readonly cycle: DailyCycle;
  private readonly ordersPerSecondAtBase: number;
  private readonly meanExtraLines: number;
  private readonly meanExtraUnits: number;
  private readonly guestShare: number;
  private readonly baseTotal: number;
  private orderCounter = 0;
  private mix: DayMix | null = null;
  private readonly times: number[] = [];
  private readonly orderProducts: number[] = [];
  private readonly orderQuantities: number[] = [];

  constructor(
    private readonly model: DemandModel,
    private readonly users: UserPopulation,
    private readonly options: LiveSalesOptions,
  ) {
    const linesPerSecond = options.linesPerSecond ?? 5;
    this.meanExtraLines = options.meanExtraLines ?? 0.7;
    this.meanExtraUnits = options.meanExtraUnits ?? 0.25;
    this.guestShare = options.guestShare ?? 0.1;
    if (!(linesPerSecond >= 0)) throw new RangeError(`linesPerSecond must be ≥ 0, got ${linesPerSecond}`);
    this.rng = Random.derive(options.seed, 'sales-live');
    this.ids = new EventIdSequence(options.seed, 'sales-live');
    this.cycle = options.cycle ?? new DailyCycle();
    this.ordersPerSecondAtBase = linesPerSecond / (1 + this.meanExtraLines);
    this.baseTotal = model.products.reduce((sum, p) => sum + p.demand.baseDailyUnits, 0);
    this.unitsPerExpectedUnit = (linesPerSecond * 86_400 * (1 + this.meanExtraUnits)) / this.baseTotal;
  }

  emit(fromMs: number, toMs: number, out: TrafficEvent[]): void {
    // Windows that cross midnight are cut there: the product mix changes with the day.
    for (let from = fromMs; from < toMs; ) {
      const to = Math.min(toMs, dayStartMs(dayNumber(from) + 1));
      this.emitWithinDay(from, to, out);
      from = to;
    }
  }

  private emitWithinDay(fromMs: number, toMs: number, out: TrafficEvent[]): void {
    const mix = this.dayMix(dayNumber(fromMs));
    if (mix.sampler === null) return;
    const rate = this.ordersPerSecondAtBase * mix.factor * this.cycle.at((fromMs + toMs) / 2);
    for (const t of poissonArrivals(this.rng, rate, fromMs, toMs, this.times)) this.emitOrder(t, mix, mix.sampler, out);
  }

  private emitOrder(time: number, mix: DayMix, sampler: WeightedSampler, out: TrafficEvent[]): void {
    const rng = this.rng;
    const orderId = shortId('o', this.options.seed, 'orders', this.orderCounter++);
    const userId = rng.bernoulli(this.guestShare) ? null : this.users.sample(rng);
    const lines = 1 + rng.poisson(this.meanExtraLines);
    const products = this.orderProducts;
    const quantities = this.orderQuantities;
    products.length = 0;
    quantities.length = 0;
    for (let i = 0; i < lines; i++) {
      const productIndex = sampler.sample(rng);
      const quantity = 1 + rng.poisson(this.meanExtraUnits);
      const existing = products.indexOf(productIndex);
      if (existing >= 0) quantities[existing] = (quantities[existing] as number) + quantity;
      else {
        products.push(productIndex);
        quantities.push(quantity);
      }
    }
    for (let i = 0; i < products.length; i++) {
      const index = products[i] as number;
      const product = this.model.products[index] as CatalogueProduct;
      const value: Sale = {
        event_id: this.ids.next(),
        event_time: time,
        product_id: product.product_id,
        quantity: quantities[i] as number,
        unit_price: product.price,
        discount_pct: mix.discounts[index] as number,
        category: product.category,
        region: product.region,
        order_id: orderId,
        user_id: userId,
      };
      out.push({ topic: 'sales', key: product.product_id, value, incident: null });
    }
  }

  private dayMix(day: number): DayMix {
    if (this.mix?.day === day) return this.mix;
    const products = this.model.products;
    const weights = products.map((p) => this.model.expected(p.index, day));
    const total = weights.reduce((a, b) => a + b, 0);
    this.mix = {
      day,
      factor: total / this.baseTotal,
      sampler: total > 0 ? new WeightedSampler(weights) : null,
      discounts: Float64Array.from(products, (p) => this.model.discountPct(p.index, day)),
    };
    return this.mix;
  }
}
