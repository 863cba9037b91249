import type { Sale } from '#contracts';
import { describe, expect, it } from 'vitest';
import { DAY_MS, dayNumber, isWeekend } from './calendar';
import { createCatalogue } from './catalogue';
import { DemandModel } from './demand';
import { LiveSalesSource, salesHistory } from './sales';
import type { TrafficEvent } from './traffic-event';
import { UserPopulation } from './user-population';
import { correlation } from './statistics.testing';

const START = Date.UTC(2025, 0, 1);
const TWO_YEARS_AGO = START - 2 * 365 * DAY_MS;

function historyModel(seed = 42, weekendRatio = 1.3): DemandModel {
  return new DemandModel(createCatalogue({ seed, weekendRatio }), { seed, origin: START });
}

/** Units sold per product per day over the history. */
function dailyUnits(model: DemandModel, from: number, to: number): { units: Map<string, number>; events: Sale[] } {
  const units = new Map<string, number>();
  const events: Sale[] = [];
  for (const batch of salesHistory(model, { from, to })) {
    for (const sale of batch) {
      const key = `${sale.product_id}|${dayNumber(sale.event_time)}`;
      units.set(key, (units.get(key) ?? 0) + sale.quantity);
      events.push(sale);
    }
  }
  return { units, events };
}

describe('sales history (2 years, aggregated)', () => {
  const model = historyModel();
  const { units, events } = dailyUnits(model, TWO_YEARS_AGO, START);
  const truth = model.truth(TWO_YEARS_AGO, START);
  const observed = (productId: string, dayStart: number): number => units.get(`${productId}|${dayNumber(dayStart)}`) ?? 0;

  it('emits a few time-ordered events per product-day that add up to the truth within noise', () => {
    expect(events.length).toBeGreaterThan(100_000);
    expect(events.length).toBeLessThan(3 * 200 * 730);
    expect(events.findIndex((e, i) => i > 0 && e.event_time < events[i - 1]!.event_time)).toBe(-1);
    const expectedTotal = truth.reduce((s, p) => s + p.days.reduce((a, d) => a + d.expected, 0), 0);
    const observedTotal = events.reduce((s, e) => s + e.quantity, 0);
    expect(observedTotal / expectedTotal).toBeGreaterThan(0.97);
    expect(observedTotal / expectedTotal).toBeLessThan(1.03);
  });

  it('shows the configured weekend/weekday ratio', () => {
    let weekend = 0;
    let weekendDays = 0;
    let weekday = 0;
    let weekdayDays = 0;
    for (let day = dayNumber(TWO_YEARS_AGO); day < dayNumber(START); day++) {
      let total = 0;
      for (const p of model.products) total += units.get(`${p.product_id}|${day}`) ?? 0;
      if (isWeekend(day)) {
        weekend += total;
        weekendDays++;
      } else {
        weekday += total;
        weekdayDays++;
      }
    }
    expect(weekend / weekendDays / (weekday / weekdayDays)).toBeGreaterThan(1.3 * 0.95);
    expect(weekend / weekendDays / (weekday / weekdayDays)).toBeLessThan(1.3 * 1.05);
  });

  it('follows each product trend: year-2 over year-1 sales grow by exp(trendPerYear)', () => {
    const pairs = truth.map((p) => {
      const product = model.catalogue.byId(p.product_id)!;
      const half = p.days.length / 2;
      const year1 = p.days.slice(0, half).reduce((s, d) => s + observed(p.product_id, d.day_start), 0);
      const year2 = p.days.slice(half).reduce((s, d) => s + observed(p.product_id, d.day_start), 0);
      return { configured: product.demand.trendPerYear, measured: Math.log(year2 / year1) };
    });
    expect(correlation(pairs.map((p) => p.configured), pairs.map((p) => p.measured))).toBeGreaterThan(0.9);
    const errors = pairs.map((p) => Math.abs(p.measured - p.configured)).sort((a, b) => a - b);
    expect(errors[Math.floor(errors.length / 2)]).toBeLessThan(0.08);
  });

  it('sells more on promotion days, with the discount on the events', () => {
    let promoSold = 0;
    let promoBaseline = 0;
    let regularSold = 0;
    let regularBaseline = 0;
    for (const p of truth) {
      for (const d of p.days) {
        if (d.stock_out) continue;
        if (d.discount_pct > 0) {
          promoSold += observed(p.product_id, d.day_start);
          promoBaseline += d.baseline;
        } else {
          regularSold += observed(p.product_id, d.day_start);
          regularBaseline += d.baseline;
        }
      }
    }
    expect(promoBaseline).toBeGreaterThan(0);
    expect(promoSold / promoBaseline).toBeGreaterThan(1.3 * (regularSold / regularBaseline));
    const promo = truth.flatMap((p) => p.days.filter((d) => d.discount_pct > 0 && !d.stock_out).map((d) => ({ p, d })))[0]!;
    const sale = events.find((e) => e.product_id === promo.p.product_id && dayNumber(e.event_time) === dayNumber(promo.d.day_start));
    expect(sale?.discount_pct).toBe(promo.d.discount_pct);
    expect(events.filter((e) => e.discount_pct > 0).length).toBeGreaterThan(0);
  });

  it('sells nothing on stock-out days', () => {
    const stockOuts = truth.flatMap((p) => p.days.filter((d) => d.stock_out).map((d) => ({ id: p.product_id, d })));
    expect(stockOuts.length).toBeGreaterThan(200);
    expect(truth.reduce((n, p) => n + p.stock_out_days.length, 0)).toBe(stockOuts.length);
    expect(truth.every((p) => p.promo_days.every((date) => p.days.some((d) => d.date === date && d.discount_pct > 0)))).toBe(true);
    for (const { id, d } of stockOuts) {
      expect(observed(id, d.day_start)).toBe(0);
      expect(d.expected).toBe(0);
    }
  });

  it('is identical when a backfill is repeated over an overlapping range', () => {
    const again = dailyUnits(model, START - 10 * DAY_MS + 5 * 3_600_000, START).events;
    const byId = new Map(events.map((e) => [e.event_id, e]));
    expect(again.length).toBeGreaterThan(0);
    expect(again.filter((e) => JSON.stringify(byId.get(e.event_id)) !== JSON.stringify(e))).toEqual([]);
  });

  it('differs for another seed', () => {
    const other = dailyUnits(historyModel(7), START - 7 * DAY_MS, START).events;
    const mine = events.filter((e) => e.event_time >= START - 7 * DAY_MS);
    expect(other.map((e) => e.event_id)).not.toEqual(mine.map((e) => e.event_id));
  });
});

describe('live sales', () => {
  const seed = 42;
  const model = new DemandModel(createCatalogue({ seed, size: 20 }), { seed, origin: START, stockOuts: { probabilityPerBlock: 0.5, blockDays: 10 } });
  const source = new LiveSalesSource(model, new UserPopulation(500), { seed, linesPerSecond: 1 });
  const events: TrafficEvent[] = [];
  for (let t = START; t < START + 3 * DAY_MS; t += 60_000) source.emit(t, t + 60_000, events);
  const sales = events.map((e) => e.value as Sale);
  const unitsByProductDay = new Map<string, number>();
  for (const s of sales) {
    const key = `${s.product_id}|${dayNumber(s.event_time)}`;
    unitsByProductDay.set(key, (unitsByProductDay.get(key) ?? 0) + s.quantity);
  }

  it('produces daily units per product that follow the expected demand at the stream scale', () => {
    const expected: number[] = [];
    const observed: number[] = [];
    for (const p of model.products) {
      for (let day = dayNumber(START); day < dayNumber(START) + 3; day++) {
        expected.push(model.expected(p.index, day) * source.unitsPerExpectedUnit);
        observed.push(unitsByProductDay.get(`${p.product_id}|${day}`) ?? 0);
      }
    }
    expect(correlation(expected, observed)).toBeGreaterThan(0.98);
    const ratio = observed.reduce((a, b) => a + b, 0) / expected.reduce((a, b) => a + b, 0);
    expect(ratio).toBeGreaterThan(0.95);
    expect(ratio).toBeLessThan(1.05);
  });

  it('groups lines into orders sharing time and user, keyed by product', () => {
    const orders = new Map<string, Sale[]>();
    for (const s of sales) {
      const lines = orders.get(s.order_id!) ?? [];
      lines.push(s);
      orders.set(s.order_id!, lines);
    }
    const multi = [...orders.values()].filter((lines) => lines.length > 1);
    expect(multi.length / orders.size).toBeGreaterThan(0.3);
    const incoherent = multi.filter(
      (lines) =>
        new Set(lines.map((l) => l.event_time)).size !== 1 ||
        new Set(lines.map((l) => l.user_id)).size !== 1 ||
        new Set(lines.map((l) => l.product_id)).size !== lines.length,
    );
    expect(incoherent).toEqual([]);
    expect(sales.some((s) => s.user_id === null)).toBe(true);
    expect(sales.some((s) => s.user_id !== null)).toBe(true);
    expect(events.every((e) => e.key === (e.value as Sale).product_id)).toBe(true);
  });

  it('stops selling a product during its stock-out', () => {
    const stockOuts = model.products.flatMap((p) => [0, 1, 2].map((d) => `${p.product_id}|${dayNumber(START) + d}`).filter((_, d) => model.isStockOut(p.index, dayNumber(START) + d)));
    expect(stockOuts.length).toBeGreaterThan(0);
    expect(stockOuts.filter((key) => unitsByProductDay.has(key))).toEqual([]);
  });
});
