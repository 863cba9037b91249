import type { Product } from '#contracts';
import { ADJECTIVES, BRANDS, CATEGORY_PROFILES, CLOSING_LINES, REGIONS, type CategoryProfile } from './catalogue-words';
import { Random } from './random';

/** How one product's demand moves over time; the sales model multiplies these together. */
export interface DemandProfile {
  /** Mean units per day at the trend origin, before weekly/yearly seasonality and promotions. */
  readonly baseDailyUnits: number;
  /** Log growth per year: demand scales by exp(trendPerYear × years since the origin). */
  readonly trendPerYear: number;
  /** Multipliers for Monday … Sunday, mean 1. */
  readonly weekly: readonly number[];
  /** Relative amplitude of the yearly cosine and the day of the year (0 = 1 January) of its peak. */
  readonly yearlyAmplitude: number;
  readonly yearlyPeakDay: number;
  /** Demand lift under a discount d (0-1) is (1 − d)^(−promoElasticity). */
  readonly promoElasticity: number;
}

export interface CatalogueProduct {
  /** Position in the catalogue (0-based); other models key random streams by it. */
  readonly index: number;
  readonly product_id: string;
  readonly title: string;
  readonly description: string;
  readonly category: string;
  readonly region: string;
  readonly price: number;
  readonly rating: number | null;
  readonly image_url: string;
  readonly demand: DemandProfile;
}

export interface CatalogueOptions {
  seed: number;
  /** Number of products (default 200). */
  size?: number;
  /** Demand on a Saturday or Sunday relative to a weekday (default 1.3). */
  weekendRatio?: number;
  /** Mean and spread of the products' yearly log growth (defaults 0.1 and 0.25). */
  trendMeanPerYear?: number;
  trendSdPerYear?: number;
  categories?: readonly CategoryProfile[];
  regions?: readonly string[];
}

export interface Catalogue {
  readonly seed: number;
  readonly weekendRatio: number;
  readonly products: readonly CatalogueProduct[];
  byId(productId: string): CatalogueProduct | undefined;
}

/** Builds a deterministic catalogue: the same options always give the same products. */
export function createCatalogue(options: CatalogueOptions): Catalogue {
  const size = options.size ?? 200;
  const weekendRatio = options.weekendRatio ?? 1.3;
  const categories = options.categories ?? CATEGORY_PROFILES;
  const regions = options.regions ?? REGIONS;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`catalogue size must be a positive integer, got ${size}`);
  if (!(weekendRatio > 0)) throw new RangeError(`weekendRatio must be positive, got ${weekendRatio}`);
  if (categories.length === 0 || regions.length === 0) throw new RangeError('a catalogue needs at least one category and one region');

  const rng = Random.derive(options.seed, 'catalogue');
  const usedTitles = new Set<string>();
  const products: CatalogueProduct[] = [];
  for (let index = 0; index < size; index++) {
    const category = categories[index % categories.length] as CategoryProfile;
    products.push(
      buildProduct(rng, index, category, rng.choice(regions), usedTitles, {
        weekendRatio,
        trendMean: options.trendMeanPerYear ?? 0.1,
        trendSd: options.trendSdPerYear ?? 0.25,
      }),
    );
  }
  const byId = new Map(products.map((p) => [p.product_id, p]));
  return { seed: options.seed, weekendRatio, products, byId: (id) => byId.get(id) };
}

/** The catalogue entry as a `products` topic value. */
export function productEvent(product: CatalogueProduct, eventTime: number, eventId: string): Product {
  return {
    event_id: eventId,
    event_time: eventTime,
    product_id: product.product_id,
    title: product.title,
    description: product.description,
    image_url: product.image_url,
    category: product.category,
    price: product.price,
    rating: product.rating,
    active: true,
  };
}

interface DemandSettings {
  weekendRatio: number;
  trendMean: number;
  trendSd: number;
}

function buildProduct(
  rng: Random,
  index: number,
  category: CategoryProfile,
  region: string,
  usedTitles: Set<string>,
  settings: DemandSettings,
): CatalogueProduct {
  const productId = `P${String(index + 1).padStart(4, '0')}`;
  const brand = rng.choice(BRANDS);
  const adjective = rng.choice(ADJECTIVES);
  const noun = rng.choice(category.nouns);
  let title = `${brand} ${adjective} ${noun}`;
  for (let series = 2; usedTitles.has(title); series++) title = `${brand} ${adjective} ${noun} Series ${series}`;
  usedTitles.add(title);

  const [first, second] = twoDistinct(rng, category.features);
  const description =
    `The ${title} combines ${first} with ${second}. ` +
    `Made from ${rng.choice(category.materials)}, it is a great choice for ${rng.choice(category.uses)}. ` +
    rng.choice(CLOSING_LINES);

  const price = Math.max(1, Math.round(rng.lognormalMedian(category.priceMedian, category.priceSigma))) - 0.01;
  const rating = rng.bernoulli(0.08) ? null : Math.round(clamp(rng.normal(4.1, 0.45), 1, 5) * 10) / 10;
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

  return {
    index,
    product_id: productId,
    title,
    description,
    category: category.name,
    region,
    price: Math.round(price * 100) / 100,
    rating,
    image_url: `https://img.example/products/${productId.toLowerCase()}/${slug}.jpg`,
    demand: buildDemandProfile(rng, category, settings),
  };
}

function buildDemandProfile(rng: Random, category: CategoryProfile, settings: DemandSettings): DemandProfile {
  const productWeekendRatio = settings.weekendRatio * rng.lognormal(0, 0.08);
  const raw = [0, 1, 2, 3, 4, 5, 6].map((d) => (d >= 5 ? productWeekendRatio : 1) * rng.lognormal(0, 0.04));
  const mean = raw.reduce((a, b) => a + b, 0) / 7;
  return {
    baseDailyUnits: rng.lognormalMedian(category.demandMedian, 0.6),
    trendPerYear: rng.normal(settings.trendMean, settings.trendSd),
    weekly: raw.map((v) => v / mean),
    yearlyAmplitude: clamp(category.seasonAmplitude * rng.uniform(0.7, 1.3), 0, 0.9),
    yearlyPeakDay: category.seasonPeakDay + rng.normal(0, 10),
    promoElasticity: rng.uniform(1.5, 3),
  };
}

function twoDistinct<T>(rng: Random, items: readonly T[]): [T, T] {
  const i = rng.int(0, items.length);
  const j = (i + rng.int(1, Math.max(2, items.length))) % items.length;
  return [items[i] as T, items[j] as T];
}

function clamp(x: number, min: number, max: number): number {
  return x < min ? min : x > max ? max : x;
}
