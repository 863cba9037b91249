import { describe, expect, it } from 'vitest';
import { createCatalogue, productEvent } from './catalogue';
import { CATEGORY_PROFILES, REGIONS } from './catalogue-words';

describe('createCatalogue', () => {
  const catalogue = createCatalogue({ seed: 42 });

  it('holds 200 distinct products across every category and region', () => {
    const products = catalogue.products;
    expect(products).toHaveLength(200);
    expect(new Set(products.map((p) => p.product_id)).size).toBe(200);
    expect(new Set(products.map((p) => p.title)).size).toBe(200);
    expect(new Set(products.map((p) => p.category))).toEqual(new Set(CATEGORY_PROFILES.map((c) => c.name)));
    expect(new Set(products.map((p) => p.region))).toEqual(new Set(REGIONS));
    expect(catalogue.byId('P0042')?.index).toBe(41);
  });

  it('gives each product text, an image, a price, a rating and its own demand profile', () => {
    for (const p of catalogue.products) {
      expect(p.description.split(' ').length).toBeGreaterThan(12);
      expect(p.image_url).toMatch(/^https:\/\/img\.example\/products\/p\d{4}\/[a-z0-9-]+\.jpg$/);
      expect(p.price).toBeGreaterThan(0);
      if (p.rating !== null) expect(p.rating).toBeGreaterThanOrEqual(1);
      if (p.rating !== null) expect(p.rating).toBeLessThanOrEqual(5);
      expect(p.demand.baseDailyUnits).toBeGreaterThan(0);
      expect(p.demand.weekly).toHaveLength(7);
      expect(p.demand.weekly.reduce((a, b) => a + b, 0) / 7).toBeCloseTo(1, 10);
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const price = (category: string): number => median(catalogue.products.filter((p) => p.category === category).map((p) => p.price));
    expect(price('Electronics')).toBeGreaterThan(3 * price('Grocery'));
  });

  it('is the same for the same seed and differs for another', () => {
    expect(createCatalogue({ seed: 42 })).toEqual(expect.objectContaining({ products: catalogue.products }));
    const other = createCatalogue({ seed: 7 }).products;
    expect(other.map((p) => p.title)).not.toEqual(catalogue.products.map((p) => p.title));
  });

  it('maps a product to a products-topic value', () => {
    const p = catalogue.products[0]!;
    expect(productEvent(p, 1_700_000_000_000, 'id-1')).toEqual({
      event_id: 'id-1',
      event_time: 1_700_000_000_000,
      product_id: p.product_id,
      title: p.title,
      description: p.description,
      image_url: p.image_url,
      category: p.category,
      price: p.price,
      rating: p.rating,
      active: true,
    });
  });

  it('refuses an impossible size', () => {
    expect(() => createCatalogue({ seed: 1, size: 0 })).toThrow(/positive integer/);
  });
});
