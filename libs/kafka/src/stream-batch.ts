import { EventPattern } from '@nestjs/microservices';
import type { KafkaMessage } from 'kafkajs';
import type { TopicContract } from '#contracts';

/** One decoded, validated event with where it came from. */
export interface StreamEvent<T> {
  readonly value: T;
  readonly key: string | null;
  readonly partition: number;
  readonly offset: string;
  /** Broker timestamp (ms); event time is in the value. */
  readonly timestamp: number;
}

/** A StreamEvent over the fetched message; the key and timestamp are read only if asked for. */
export class FetchedEvent<T> implements StreamEvent<T> {
  constructor(
    readonly value: T,
    readonly partition: number,
    /** The message as fetched: its original bytes go to the dead-letter topic if the handler rejects it. */
    readonly message: KafkaMessage,
  ) {}

  get key(): string | null {
    return this.message.key?.toString() ?? null;
  }

  get offset(): string {
    return this.message.offset;
  }

  get timestamp(): number {
    return Number(this.message.timestamp);
  }
}

/** What a handler receives: the valid events of one fetched batch of one partition, in order. */
export interface StreamBatch<T> {
  /** Topic name as configured (with prefix). */
  topic: string;
  partition: number;
  events: StreamEvent<T>[];
  /** Messages in the partition after this batch when it was fetched: 0 means the consumer has caught up. */
  offsetLag: number;
}

/** Marks a controller method as the handler of a topic's batches. */
export function StreamHandler(contract: TopicContract<unknown>): MethodDecorator {
  return EventPattern(contract.name);
}
