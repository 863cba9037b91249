import { weekdayOf, type ProductSeries } from '../src';

/** Seeded daily sales of `count` products: levels, trends, weekend shapes, a yearly cycle, promotions, Poisson-like noise. */
export function syntheticProducts(count: number, days: number, startDay: number, seed = 3): ProductSeries[] {
  let s = seed >>> 0;
  const uniform = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Array.from({ length: count }, (_, p) => {
    const level = 2 + 80 * uniform() ** 2;
    const growth = (uniform() - 0.3) / 500;
    const weekend = 1 + uniform();
    const yearly = 0.3 * uniform();
    const values: number[] = [];
    const discounts: number[] = [];
    for (let t = 0; t < days; t++) {
      const discount = (t + p * 7) % 50 < 4 ? 0.25 : 0;
      const wd = weekdayOf(startDay + t);
      const mean = level * Math.max(0.1, 1 + growth * t) * (wd === 0 || wd === 6 ? weekend : 1) * (1 + yearly * Math.sin((2 * Math.PI * (startDay + t)) / 365.25)) * (1 + 2 * discount);
      const noise = Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
      values.push(Math.max(0, Math.round(mean + noise * Math.sqrt(mean))));
      discounts.push(discount);
    }
    return { key: `P${p}`, category: ['toys', 'garden', 'fashion'][p % 3], region: ['north', 'south'][p % 2], description: `product ${p}`, startDay, values, discounts };
  });
}
