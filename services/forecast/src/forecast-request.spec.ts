import { describe, expect, it } from 'vitest';
import { parseForecastRequest, type ForecastDefaults } from './forecast-request';

const defaults: ForecastDefaults = { days: 7, maxDays: 28, leadTimeDays: 7, serviceLevel: 0.95, reviewPeriodDays: 7 };

describe("seed 001's POST /forecast body", () => {
  it('takes the filters given, and the defaults for the rest', () => {
    expect(parseForecastRequest({ category: 'Electronics', min_rating: 4, max_price: 100, min_discount: 10 }, defaults)).toEqual({
      days: 7,
      filter: { category: 'Electronics', min_rating: 4, max_price: 100, min_discount: 10 },
      leadTimeDays: 7,
      serviceLevel: 0.95,
    });
    expect(parseForecastRequest({ days: 14, product_id: 'P1', lead_time_days: 3, service_level: 0.9, on_hand: 12, region: null }, defaults)).toEqual({
      days: 14,
      filter: { product_id: 'P1' },
      leadTimeDays: 3,
      serviceLevel: 0.9,
      onHand: 12,
    });
  });

  it.each([
    [{ days: 29 }, /"days" must be an integer >= 1 and <= 28/],
    [{ days: 2.5 }, /"days" must be an integer/],
    [{ category: '' }, /"category" must be a non-empty string/],
    [{ min_rating: 6 }, /"min_rating" must be a number >= 0 and <= 5/],
    [{ min_discount: '10' }, /"min_discount" must be a number/],
    [{ service_level: 1 }, /"service_level" must be a number >= 0.51 and <= 0.999/],
    [{ lead_time_days: 25 }, /"lead_time_days" plus the review period \(7\) must be at most 28/],
    [{ on_hand: -1 }, /"on_hand" must be a number >= 0/],
    [{ product: 'P1' }, /unknown field\(s\) "product"/],
    [[1, 2], /must be a JSON object/],
  ])('refuses %j, naming the field', (body, message) => {
    expect(() => parseForecastRequest(body, defaults)).toThrow(message);
  });
});
