import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import avro from 'avsc';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { describeProblems, prefixed, type TopicContract } from '#contracts';
import { loggerFor, spanContextFromHeaders, tracer, type PipelineMetrics, type SpanContext } from '#telemetry';
import type { AvroRegistryCodec } from './avro-registry.codec';
import { Mutex, PendingOffsets, type Sink } from './checkpoint';
import type { DeadLetter, DeadLetterPublisher } from './dead-letter.publisher';
import { PoisonMessageError, isRetriable } from './kafka.error';
import { defaultBackoff, sleep, withRetry, type BackoffOptions } from './retry';
import { FetchedEvent, type StreamBatch } from './stream-batch';

export interface StreamServerOptions {
  groupId: string;
  topicPrefix: string;
  /** Topics this process consumes; each must have exactly one handler. */
  contracts: TopicContract<unknown>[];
  fromBeginning: boolean;
  partitionsConsumedConcurrently: number;
  /** Commit at least this often while events flow, even if no sink asks to flush. */
  commitIntervalMs: number;
  sessionTimeoutMs: number;
  maxBytesPerPartition: number;
  backoff: BackoffOptions;
}

export const defaultStreamServerOptions = {
  fromBeginning: true,
  partitionsConsumedConcurrently: 4,
  commitIntervalMs: 1000,
  sessionTimeoutMs: 30_000,
  maxBytesPerPartition: 4 * 1024 * 1024,
  backoff: defaultBackoff,
} satisfies Partial<StreamServerOptions>;

interface Route {
  contract: TopicContract<unknown>;
  reader: avro.Type;
}

/**
 * A NestJS transport for stream processing over Kafka. Per fetched batch of one partition: decode
 * through the registry, validate, hand valid events to the topic's handler, dead-letter the rest.
 * The checkpoint order is written once, here: sinks flushed → dead letters acknowledged → offsets
 * committed. Nothing is committed that is not durable; shutdown drains the batch in hand first.
 */
export class KafkaStreamServer extends Server implements CustomTransportStrategy {
  private readonly log = loggerFor(KafkaStreamServer.name);
  private readonly routes = new Map<string, Route>();
  private readonly sinks: Sink[] = [];
  private readonly pending = new PendingOffsets();
  private readonly checkpointLock = new Mutex();
  private consumer: Consumer | undefined;
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: (() => Promise<void>) | undefined;
  private lastCheckpointAt = Date.now();
  private inFlight = 0;
  private draining = false;
  private crashed: ((err: Error) => void) | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly codec: AvroRegistryCodec,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly metrics: PipelineMetrics,
    private readonly options: StreamServerOptions,
  ) {
    super();
    for (const contract of options.contracts) {
      this.routes.set(prefixed(options.topicPrefix, contract.name), { contract, reader: avro.Type.forSchema(contract.schema as avro.Schema) });
    }
  }

  /** Registers a sink whose contents must be durable before offsets are committed. */
  addSink(sink: Sink): this {
    this.sinks.push(sink);
    return this;
  }

  /** Called when the consumer fails for good (a non-retriable error); the process should exit. */
  onCrash(callback: (err: Error) => void): this {
    this.crashed = callback;
    return this;
  }

  /**
   * Heartbeats to the group: sinks call this while they wait out a long outage, so the partitions
   * are not taken away meanwhile.
   */
  async keepAlive(): Promise<void> {
    await this.heartbeat?.().catch(() => undefined);
  }

  get topics(): string[] {
    return [...this.routes.keys()];
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      this.checkWiring();
      await this.start();
      callback();
    } catch (err) {
      callback(err);
    }
  }

  /** Refuses to start when a topic has no handler or a handler has no topic. */
  private checkWiring(): void {
    const handled = new Set(this.getHandlers().keys());
    const consumed = new Set(this.options.contracts.map((c) => c.name));
    const problems = [
      ...[...consumed].filter((t) => !handled.has(t)).map((t) => `topic "${t}" has no @StreamHandler`),
      ...[...handled].filter((h) => !consumed.has(h)).map((h) => `handler for "${h}" has no topic in this service's contracts`),
    ];
    if (problems.length > 0) throw new Error(`Stream wiring is incomplete: ${problems.join('; ')}`);
  }

  private async start(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs,
      heartbeatInterval: Math.floor(this.options.sessionTimeoutMs / 10),
      maxBytesPerPartition: this.options.maxBytesPerPartition,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, (event) => {
      const { error, restart } = event.payload;
      if (!restart && !this.draining) {
        this.log.fatal({ err: error }, 'consumer crashed with a non-retriable error');
        this.crashed?.(error);
      }
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics, fromBeginning: this.options.fromBeginning });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.processBatch(payload),
    });
    this.timer = setInterval(() => void this.checkpointIfDue(), Math.min(250, this.options.commitIntervalMs));
    this.log.info({ groupId: this.options.groupId, topics: this.topics }, 'consuming');
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, heartbeat, isStale } = payload;
    if (batch.isEmpty() || this.draining || isStale()) return;
    const route = this.routes.get(batch.topic);
    if (!route) throw new Error(`No route for topic ${batch.topic}`);
    this.heartbeat = heartbeat;
    this.inFlight++;
    const stopTimer = this.metrics.batchSeconds.startTimer({ topic: batch.topic });
    const span = tracer('pulse-stream').startSpan(`process ${batch.topic}`, {
      attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': batch.topic, 'messaging.batch.message_count': batch.messages.length },
      links: this.traceLinks(batch.messages),
    });
    try {
      const { events, letters } = await this.decode(route, batch.partition, batch.messages);
      if (events.length > 0) {
        letters.push(...(await this.handle(route, { topic: batch.topic, partition: batch.partition, events, offsetLag: Number(batch.offsetLag()) }, heartbeat)));
      }
      if (letters.length > 0) await this.retrying('dead-letter', () => this.deadLetters.publish(letters), heartbeat);
      const last = batch.messages[batch.messages.length - 1]!;
      payload.resolveOffset(last.offset);
      this.pending.advance(batch.topic, batch.partition, (BigInt(last.offset) + 1n).toString());
      this.metrics.eventsConsumed.inc({ topic: batch.topic }, events.length);
      this.metrics.consumerLag.set({ topic: batch.topic, partition: String(batch.partition) }, Number(batch.offsetLag()));
      if (this.sinks.some((s) => s.shouldFlush())) await this.checkpoint();
    } finally {
      span.end();
      stopTimer();
      this.inFlight--;
    }
  }

  private traceLinks(messages: KafkaMessage[]): { context: SpanContext }[] {
    return messages
      .slice(0, 8)
      .map((m) => spanContextFromHeaders(m.headers))
      .filter((context): context is SpanContext => context !== undefined)
      .map((context) => ({ context }));
  }

  private async decode(route: Route, partition: number, messages: KafkaMessage[]): Promise<{ events: FetchedEvent<unknown>[]; letters: DeadLetter[] }> {
    const topic = prefixed(this.options.topicPrefix, route.contract.name);
    const letters: DeadLetter[] = [];
    const ids = new Set<number>();
    for (const m of messages) {
      try {
        ids.add(this.codec.schemaIdOf(m.value));
      } catch {
        // reported per message below
      }
    }
    const unknownIds = await this.retrying('schema-fetch', () => this.codec.prefetch(ids), this.heartbeat);
    const events: FetchedEvent<unknown>[] = [];
    for (const message of messages) {
      try {
        const id = this.codec.schemaIdOf(message.value);
        const unknown = unknownIds.get(id);
        if (unknown) throw unknown;
        const value = this.codec.decode(message.value!, route.reader);
        const problems = route.contract.validate(value);
        if (problems.length > 0) throw new PoisonMessageError('invalid', `Invalid ${route.contract.name} event: ${describeProblems(problems)}`);
        events.push(new FetchedEvent(value, partition, message));
      } catch (err) {
        if (!(err instanceof PoisonMessageError)) throw err;
        letters.push({ topic, partition, message, reason: err.reason, error: err.message });
      }
    }
    return { events, letters };
  }

  /**
   * Runs the handler, retrying transient failures. When it rejects a batch for a non-retriable
   * reason, each event is retried alone so only the events at fault are dead-lettered.
   */
  private async handle(
    route: Route,
    batch: StreamBatch<unknown> & { events: FetchedEvent<unknown>[] },
    heartbeat: () => Promise<void>,
  ): Promise<DeadLetter[]> {
    try {
      await this.retrying(`handle ${batch.topic}`, () => this.invoke(route, batch), heartbeat);
      return [];
    } catch (err) {
      if (isRetriable(err)) throw err;
      if (batch.events.length === 1) {
        const event = batch.events[0]!;
        return [
          {
            topic: batch.topic,
            partition: batch.partition,
            message: event.message,
            reason: 'rejected',
            error: err instanceof Error ? err.message : String(err),
          },
        ];
      }
      this.log.warn({ topic: batch.topic, partition: batch.partition, err }, 'handler rejected a batch; isolating the events at fault');
      const letters: DeadLetter[] = [];
      for (const event of batch.events) {
        letters.push(...(await this.handle(route, { ...batch, events: [event] }, heartbeat)));
      }
      return letters;
    }
  }

  private async invoke(route: Route, batch: StreamBatch<unknown>): Promise<void> {
    const handler = this.getHandlerByPattern(route.contract.name);
    if (!handler) throw new Error(`No handler for ${route.contract.name}`);
    const result = await handler(batch);
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  private retrying<T>(operation: string, work: () => Promise<T>, heartbeat?: () => Promise<void>): Promise<T> {
    return withRetry(
      work,
      {
        isRetriable,
        onRetry: async (err, attempt, delayMs) => {
          this.metrics.retries.inc({ operation });
          this.log.warn({ operation, attempt, delayMs, err: (err as Error).message }, 'transient failure; retrying');
          await heartbeat?.().catch(() => undefined);
        },
      },
      this.options.backoff,
    );
  }

  private async checkpointIfDue(): Promise<void> {
    const due = Date.now() - this.lastCheckpointAt >= this.options.commitIntervalMs || this.sinks.some((s) => s.shouldFlush());
    if (!due || this.draining) return;
    try {
      await this.checkpoint();
    } catch (err) {
      this.log.error({ err }, 'checkpoint failed');
      this.crashed?.(err as Error);
    }
  }

  /** Sinks flushed → offsets committed. Offsets are taken first: rows appended later are not covered. */
  private checkpoint(): Promise<void> {
    return this.checkpointLock.run(async () => {
      const offsets = this.pending.take();
      const stopTimer = this.metrics.checkpointSeconds.startTimer();
      try {
        for (const sink of this.sinks) await this.retrying('sink-flush', () => sink.flush(), this.heartbeat);
        if (offsets.length > 0 && this.consumer) {
          try {
            await this.consumer.commitOffsets(offsets);
          } catch (err) {
            // A rebalance took the partitions: their new owner re-reads from the last commit, and
            // the tables' event_id keys absorb the repeats. Anything else is kept for the next try.
            if (isRetriable(err) && !/rebalanc|not.*member|generation/i.test((err as Error).message)) {
              this.pending.restore(offsets);
            }
            this.log.warn({ err: (err as Error).message }, 'offset commit failed');
          }
        }
        this.lastCheckpointAt = Date.now();
      } catch (err) {
        this.pending.restore(offsets);
        throw err;
      } finally {
        stopTimer();
      }
    });
  }

  /** Drains: stop fetching, let the batch in hand finish, flush and commit, leave the group. */
  async close(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    if (this.timer) clearInterval(this.timer);
    const consumer = this.consumer;
    if (!consumer) return;
    consumer.pause(this.topics.map((topic) => ({ topic })));
    while (this.inFlight > 0) await sleep(10);
    await this.checkpoint();
    await consumer.disconnect();
    this.log.info('drained and left the group');
  }

  /**
   * Stops fetching one partition until `resume`: for handlers that keep partitions close in event
   * time while catching up. `topic` is the name as consumed (with prefix), as in StreamBatch.
   */
  pause(topic: string, partition: number): void {
    this.consumer?.pause([{ topic, partitions: [partition] }]);
  }

  resume(topic: string, partition: number): void {
    this.consumer?.resume([{ topic, partitions: [partition] }]);
  }

  on(): never {
    throw new Error('KafkaStreamServer does not expose transport events; use metrics and /health');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
