import { DAYS_PER_YEAR, dayNumber, dayOfYear, dayStartMs, isoDate, weekdayOf } from './calendar';
import type { Catalogue, CatalogueProduct } from './catalogue';
import { deriveSeed } from './hash';
import { Random } from './random';

/** Recurring multi-day events (promotions, stock-outs): at most one per block of `blockDays`. */
export interface PeriodOptions {
  /** Chance that a block holds one period. */
  probabilityPerBlock: number;
  blockDays: number;
  minDays: number;
  maxDays: number;
}

export interface DemandOptions {
  seed: number;
  /** Epoch ms where trend = 1 (years of growth are counted from here). */
  origin: number;
  promotions?: Partial<PeriodOptions> & { discounts?: readonly number[] };
  stockOuts?: Partial<PeriodOptions>;
  /** Lognormal day-to-day noise on top of Poisson counts in sampled daily units (default 0.15). */
  noiseSigma?: number;
}

/** Ground truth of one product-day. */
export interface DemandDay {
  /** ISO date, UTC. */
  readonly date: string;
  /** Epoch ms of 00:00 UTC. */
  readonly day_start: number;
  /** Expected units without promotion or stock-out: base × trend × weekly × yearly. */
  readonly baseline: number;
  /** Expected units that day: baseline × promotion lift, or 0 during a stock-out. */
  readonly expected: number;
  /** Discount of the promotion running that day, 0 when none. */
  readonly discount_pct: number;
  readonly stock_out: boolean;
}

export interface ProductDemandTruth {
  readonly product_id: string;
  readonly category: string;
  readonly region: string;
  readonly days: readonly DemandDay[];
  /** ISO dates with a promotion running (and no stock-out). */
  readonly promo_days: readonly string[];
  /** ISO dates on which the product was out of stock (nothing sold). */
  readonly stock_out_days: readonly string[];
}

const DEFAULT_PROMOTIONS: PeriodOptions = { probabilityPerBlock: 0.4, blockDays: 30, minDays: 3, maxDays: 7 };
const DEFAULT_DISCOUNTS: readonly number[] = [10, 15, 20, 25, 30, 40];
const DEFAULT_STOCK_OUTS: PeriodOptions = { probabilityPerBlock: 0.2, blockDays: 45, minDays: 1, maxDays: 5 };

interface Period {
  startDay: number;
  endDay: number; // exclusive
  discount: number;
}

/**
 * Expected daily demand of every product: trend × weekly × yearly seasonality × promotion lift,
 * zeroed by stock-outs. Every quantity is a pure function of (seed, product, day), so any day can be
 * evaluated on its own: the history backfill, the live stream and the ground truth agree.
 */
export class DemandModel {
  readonly seed: number;
  readonly origin: number;
  private readonly promotions: PeriodOptions;
  private readonly discounts: readonly number[];
  private readonly stockOuts: PeriodOptions;
  private readonly noiseSigma: number;

  constructor(
    readonly catalogue: Catalogue,
    options: DemandOptions,
  ) {
    this.seed = options.seed;
    this.origin = options.origin;
    this.promotions = validPeriod('promotions', { ...DEFAULT_PROMOTIONS, ...options.promotions });
    this.discounts = options.promotions?.discounts ?? DEFAULT_DISCOUNTS;
    if (this.discounts.length === 0 || this.discounts.some((d) => !(d > 0 && d < 100))) {
      throw new RangeError('promotions.discounts must be percentages strictly between 0 and 100');
    }
    this.stockOuts = validPeriod('stockOuts', { ...DEFAULT_STOCK_OUTS, ...options.stockOuts });
    this.noiseSigma = options.noiseSigma ?? 0.15;
  }

  get products(): readonly CatalogueProduct[] {
    return this.catalogue.products;
  }

  /** Discount (percent) of the promotion running for a product on a day number, 0 when none. */
  discountPct(productIndex: number, day: number): number {
    return this.periodAt('promo', this.promotions, productIndex, day)?.discount ?? 0;
  }

  isStockOut(productIndex: number, day: number): boolean {
    return this.periodAt('stock-out', this.stockOuts, productIndex, day) !== undefined;
  }

  /** Expected units without promotion or stock-out. */
  baseline(productIndex: number, day: number): number {
    const d = this.product(productIndex).demand;
    const years = (dayStartMs(day) - this.origin) / (DAYS_PER_YEAR * 86_400_000);
    const trend = Math.exp(d.trendPerYear * years);
    const weekly = d.weekly[weekdayOf(day)] as number;
    const yearly = 1 + d.yearlyAmplitude * Math.cos((2 * Math.PI * (dayOfYear(day) - d.yearlyPeakDay)) / DAYS_PER_YEAR);
    return d.baseDailyUnits * trend * weekly * yearly;
  }

  /** Multiplier a discount applies to demand. */
  promotionLift(productIndex: number, discountPct: number): number {
    if (discountPct <= 0) return 1;
    return Math.pow(1 - discountPct / 100, -this.product(productIndex).demand.promoElasticity);
  }

  /** Expected units sold on a day (0 during a stock-out). */
  expected(productIndex: number, day: number): number {
    if (this.isStockOut(productIndex, day)) return 0;
    return this.baseline(productIndex, day) * this.promotionLift(productIndex, this.discountPct(productIndex, day));
  }

  /** Ground truth of one product-day. */
  truthOf(productIndex: number, day: number): DemandDay {
    const stockOut = this.isStockOut(productIndex, day);
    const discount = this.discountPct(productIndex, day);
    const baseline = this.baseline(productIndex, day);
    return {
      date: isoDate(day),
      day_start: dayStartMs(day),
      baseline,
      expected: stockOut ? 0 : baseline * this.promotionLift(productIndex, discount),
      discount_pct: discount,
      stock_out: stockOut,
    };
  }

  /** Ground truth for every product and every UTC day overlapping [fromMs, toMs). */
  truth(fromMs: number, toMs: number): ProductDemandTruth[] {
    const firstDay = dayNumber(fromMs);
    const endDay = dayNumber(toMs - 1) + 1;
    return this.products.map((p) => {
      const days: DemandDay[] = [];
      for (let day = firstDay; day < endDay; day++) days.push(this.truthOf(p.index, day));
      return {
        product_id: p.product_id,
        category: p.category,
        region: p.region,
        days,
        promo_days: days.filter((d) => d.discount_pct > 0 && !d.stock_out).map((d) => d.date),
        stock_out_days: days.filter((d) => d.stock_out).map((d) => d.date),
      };
    });
  }

  /**
   * Units actually sold by a product on a day in the history: Poisson around the expected demand
   * with lognormal day noise; 0 during a stock-out. Deterministic per (seed, product, day).
   */
  sampleDailyUnits(productIndex: number, day: number): number {
    const expected = this.expected(productIndex, day);
    if (expected <= 0) return 0;
    const rng = Random.derive(this.seed, 'daily-units', productIndex, day);
    const sigma = this.noiseSigma;
    return rng.poisson(expected * rng.lognormal(-(sigma * sigma) / 2, sigma));
  }

  private product(index: number): CatalogueProduct {
    const product = this.catalogue.products[index];
    if (!product) throw new RangeError(`no product at index ${index}`);
    return product;
  }

  /** The period of a kind covering the day, if any; blocks are offset per product so they do not align. */
  private periodAt(kind: string, options: PeriodOptions, productIndex: number, day: number): Period | undefined {
    const offset = deriveSeed(this.seed, kind, 'offset', productIndex) % options.blockDays;
    const block = Math.floor((day + offset) / options.blockDays);
    const rng = Random.derive(this.seed, kind, productIndex, block);
    if (!rng.bernoulli(options.probabilityPerBlock)) return undefined;
    const length = rng.int(options.minDays, options.maxDays + 1);
    const startDay = block * options.blockDays - offset + rng.int(0, options.blockDays - length + 1);
    const discount = rng.choice(this.discounts);
    return day >= startDay && day < startDay + length ? { startDay, endDay: startDay + length, discount } : undefined;
  }
}

function validPeriod(name: string, p: PeriodOptions): PeriodOptions {
  const ok =
    p.probabilityPerBlock >= 0 &&
    p.probabilityPerBlock <= 1 &&
    Number.isInteger(p.blockDays) &&
    Number.isInteger(p.minDays) &&
    Number.isInteger(p.maxDays) &&
    p.minDays >= 1 &&
    p.minDays <= p.maxDays &&
    p.maxDays <= p.blockDays;
  if (!ok) throw new RangeError(`${name}: need 0 ≤ probabilityPerBlock ≤ 1 and integers 1 ≤ minDays ≤ maxDays ≤ blockDays, got ${JSON.stringify(p)}`);
  return p;
}
