import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The metrics every stream processor exposes; one instance per process. */
export class PipelineMetrics {
  readonly registry = new Registry();

  readonly eventsConsumed = new Counter({
    name: 'pulse_events_consumed_total',
    help: 'Events consumed and processed, by topic',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });

  readonly eventsProduced = new Counter({
    name: 'pulse_events_produced_total',
    help: 'Events produced, by topic',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });

  readonly deadLettered = new Counter({
    name: 'pulse_dead_letters_total',
    help: 'Messages sent to a dead-letter topic, by source topic and reason',
    labelNames: ['topic', 'reason'] as const,
    registers: [this.registry],
  });

  readonly consumerLag = new Gauge({
    name: 'pulse_consumer_lag',
    help: 'High watermark minus next offset to process, by topic and partition',
    labelNames: ['topic', 'partition'] as const,
    registers: [this.registry],
  });

  readonly batchSeconds = new Histogram({
    name: 'pulse_batch_duration_seconds',
    help: 'Time to decode and handle one fetched batch',
    labelNames: ['topic'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly checkpointSeconds = new Histogram({
    name: 'pulse_checkpoint_duration_seconds',
    help: 'Time to flush sinks and commit offsets',
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly retries = new Counter({
    name: 'pulse_retries_total',
    help: 'Retries of transient failures, by operation',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }
}
