import type { Anomaly, Feedback, Forecast, ModelArtifact, Product, RequestLog, Sale } from '../generated';
import { FieldChecks, type FieldProblem } from './field-checks';

export function validateSale(e: Sale): FieldProblem[] {
  return new FieldChecks()
    .nonEmpty('event_id', e.event_id)
    .plausibleTime('event_time', e.event_time)
    .nonEmpty('product_id', e.product_id)
    .positive('quantity', e.quantity)
    .nonNegative('unit_price', e.unit_price)
    .range('discount_pct', e.discount_pct, 0, 100)
    .nonEmpty('category', e.category)
    .nonEmpty('region', e.region).problems;
}

export function validateProduct(e: Product): FieldProblem[] {
  return new FieldChecks()
    .nonEmpty('event_id', e.event_id)
    .plausibleTime('event_time', e.event_time)
    .nonEmpty('product_id', e.product_id)
    .nonEmpty('title', e.title)
    .nonEmpty('category', e.category)
    .nonNegative('price', e.price)
    .range('rating', e.rating, 0, 5).problems;
}

export function validateRequestLog(e: RequestLog): FieldProblem[] {
  return new FieldChecks()
    .nonEmpty('event_id', e.event_id)
    .plausibleTime('event_time', e.event_time)
    .nonEmpty('service', e.service)
    .nonEmpty('route', e.route)
    .nonEmpty('method', e.method)
    .range('status', e.status, 100, 599)
    .nonNegative('response_time_ms', e.response_time_ms)
    .nonNegative('request_bytes', e.request_bytes)
    .nonNegative('response_bytes', e.response_bytes)
    .nonEmpty('client_id', e.client_id).problems;
}

export function validateFeedback(e: Feedback): FieldProblem[] {
  return new FieldChecks()
    .nonEmpty('event_id', e.event_id)
    .plausibleTime('event_time', e.event_time)
    .nonEmpty('user_id', e.user_id)
    .nonEmpty('asset_id', e.asset_id)
    .require('rating', e.feedback_type !== 'rating' || e.rating !== null, 'is required when feedback_type is rating')
    .range('rating', e.rating, 1, 5)
    .range('quality_score', e.quality_score, 0, 1).problems;
}

export function validateForecast(e: Forecast): FieldProblem[] {
  return new FieldChecks()
    .nonEmpty('event_id', e.event_id)
    .nonEmpty('product_id', e.product_id)
    .require('points', e.points.length === e.horizon_days, `must hold horizon_days (${e.horizon_days}) points, got ${e.points.length}`)
    .range('interval_level', e.interval_level, 0, 1).problems;
}

export function validateAnomaly(e: Anomaly): FieldProblem[] {
  return new FieldChecks()
    .nonEmpty('event_id', e.event_id)
    .nonEmpty('subject', e.subject)
    .range('score', e.score, 0, 1)
    .require('window_end', e.window_end >= e.window_start, 'must not precede window_start').problems;
}

export function validateModelArtifact(e: ModelArtifact): FieldProblem[] {
  return new FieldChecks()
    .nonEmpty('model', e.model)
    .nonEmpty('version', e.version)
    .require('checksum', /^[0-9a-f]{64}$/.test(e.checksum), 'must be a sha256 hex digest')
    .require('chunk_index', e.kind === 'activation' || (e.chunk_index >= 0 && e.chunk_index < e.chunk_count), `must be within 0..chunk_count-1 (${e.chunk_count})`).problems;
}
