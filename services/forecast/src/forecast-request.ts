import { BadRequestException } from '@nestjs/common';
import type { ProductFilter } from '#forecast';
import { RequestBody } from '#http';

/** Seed 001's POST /forecast body, plus the inventory policy's inputs. */
export interface ForecastRequest {
  days: number;
  filter: ProductFilter;
  leadTimeDays: number;
  serviceLevel: number;
  /** Stock on hand, when the caller knows it: it turns levels into stock-out and overstock warnings. */
  onHand?: number;
}

export interface ForecastDefaults {
  days: number;
  maxDays: number;
  leadTimeDays: number;
  serviceLevel: number;
  reviewPeriodDays: number;
}

const FIELDS = ['days', 'product_id', 'category', 'region', 'min_rating', 'max_price', 'min_discount', 'lead_time_days', 'service_level', 'on_hand'];

/** Reads and checks a request body: a 400 names the field and what it must be. */
export function parseForecastRequest(input: unknown, defaults: ForecastDefaults): ForecastRequest {
  const raw = input ?? {};
  const body = new RequestBody(raw);
  const unknown = Object.keys(raw).filter((k) => !FIELDS.includes(k));
  if (unknown.length > 0) throw new BadRequestException(`unknown field(s) ${unknown.map((k) => `"${k}"`).join(', ')}; expected some of ${FIELDS.join(', ')}`);
  const present = (field: string) => (raw as Record<string, unknown>)[field] !== undefined && (raw as Record<string, unknown>)[field] !== null;
  const text = (field: keyof ProductFilter) => (present(field) ? { [field]: body.string(field) } : {});
  const number = (field: keyof ProductFilter, min: number, max?: number) => (present(field) ? { [field]: body.number(field, { min, max }) } : {});
  const leadTimeDays = body.number('lead_time_days', { min: 1, integer: true }, defaults.leadTimeDays);
  if (leadTimeDays + defaults.reviewPeriodDays > defaults.maxDays) {
    throw new BadRequestException(`"lead_time_days" plus the review period (${defaults.reviewPeriodDays}) must be at most ${defaults.maxDays}, got ${leadTimeDays}`);
  }
  return {
    days: body.number('days', { min: 1, max: defaults.maxDays, integer: true }, defaults.days),
    filter: { ...text('product_id'), ...text('category'), ...text('region'), ...number('min_rating', 0, 5), ...number('max_price', 0), ...number('min_discount', 0, 100) },
    leadTimeDays,
    serviceLevel: body.number('service_level', { min: 0.51, max: 0.999 }, defaults.serviceLevel),
    ...(present('on_hand') ? { onHand: body.number('on_hand', { min: 0 }) } : {}),
  };
}
