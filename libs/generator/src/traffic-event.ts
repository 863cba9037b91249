import type { Feedback, Product, RequestLog, Sale } from '#contracts';
import type { IncidentLabel } from './scenarios';

/** Value type carried on each topic the generator feeds. */
export interface TopicValues {
  sales: Sale;
  products: Product;
  'request-log': RequestLog;
  feedback: Feedback;
}

export type TrafficTopic = keyof TopicValues;

/**
 * One message to produce: topic, Kafka key and value, plus the ground-truth incident label of a
 * request-log event generated inside an incident (null otherwise; never produced to Kafka).
 */
export type TrafficEvent = {
  [T in TrafficTopic]: { readonly topic: T; readonly key: string; readonly value: TopicValues[T]; readonly incident: IncidentLabel | null };
}[TrafficTopic];

export type TopicEvent<T extends TrafficTopic> = Extract<TrafficEvent, { topic: T }>;

/**
 * A stateful producer of events. Called with contiguous, increasing windows [fromMs, toMs); appends
 * the window's events to `out` in event-time order.
 */
export interface EventSource {
  emit(fromMs: number, toMs: number, out: TrafficEvent[]): void;
}
