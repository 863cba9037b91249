/** Base of Pulse's Kafka-side errors: `retriable` says whether trying again can help. */
export class PulseKafkaError extends Error {
  constructor(
    message: string,
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Why a message went to the dead-letter topic; written to its `pulse-dlq-reason` header. */
export type DeadLetterReason = 'undecodable' | 'unknown-schema' | 'incompatible-schema' | 'invalid' | 'rejected';

/** The message itself is at fault: retrying cannot help, it goes to the dead-letter topic. */
export class PoisonMessageError extends PulseKafkaError {
  constructor(
    readonly reason: DeadLetterReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, false, options);
  }
}

/** A dependency (registry, broker, sink) is unavailable: retry with backoff, never skip. */
export class TransientError extends PulseKafkaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, true, options);
  }
}

/** True when an error says trying again may succeed (ours, kafkajs's, or ClickHouse's). */
export function isRetriable(err: unknown): boolean {
  if (err && typeof err === 'object' && 'retriable' in err) return Boolean((err as { retriable: unknown }).retriable);
  return false;
}
