import { EventPattern } from '@nestjs/microservices';
import type { TopicContract } from '#contracts';

/** One decoded, validated event with where it came from. */
export interface StreamEvent<T> {
  value: T;
  key: string | null;
  partition: number;
  offset: string;
  /** Broker timestamp (ms); event time is in the value. */
  timestamp: number;
}

/** What a handler receives: the valid events of one fetched batch of one partition, in order. */
export interface StreamBatch<T> {
  /** Topic name as configured (with prefix). */
  topic: string;
  partition: number;
  events: StreamEvent<T>[];
}

/** Marks a controller method as the handler of a topic's batches. */
export function StreamHandler(contract: TopicContract<unknown>): MethodDecorator {
  return EventPattern(contract.name);
}
