import type { RequestLog } from '#contracts';
import type { Sink, StreamBatch } from '#kafka';
import type { IncidentUpdate } from '#anomaly';
import type { AnomalyOutput } from './anomaly-output';
import type { Detection } from './detection';
import type { PartitionAligner } from './partition-aligner';

export const ORDERED_INTAKE = Symbol('OrderedIntake');

interface Buffered {
  event: RequestLog;
  source: string;
}

/**
 * Request logs are scored in event-time order across partitions, not partition by partition: during
 * a catch-up a quiet partition's batch spans hours while a busy one's spans minutes, and scoring
 * them in fetch order would hold windows open for hours. Batches are buffered and, at each
 * checkpoint (the stream server flushes sinks before it commits offsets), merged by event time,
 * scored and published. Nothing whose offset is committed is left unscored. A batch that reaches
 * the end of its partition (live traffic) is scored at once: there is nothing to merge it with,
 * and an alert should not wait for the next checkpoint.
 */
export class OrderedIntake implements Sink {
  private buffered: Buffered[][] = [];
  private count = 0;
  /** Updates scored but not yet acknowledged: a retried flush re-sends them instead of scoring again. */
  private unsent: IncidentUpdate[] | undefined;
  /** Next offset to take in per partition: a retried handler call must not add its batch twice. */
  private readonly nextOffset = new Map<number, number>();
  /** Flushes run one after another: the checkpoint's and a live batch's may overlap. */
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly detection: Detection,
    private readonly output: AnomalyOutput,
    private readonly maxBuffered: number,
    private readonly aligner: PartitionAligner,
  ) {}

  add(batch: StreamBatch<RequestLog>): void {
    const from = this.nextOffset.get(batch.partition) ?? 0;
    const fresh = batch.events.filter((e) => Number(e.offset) >= from);
    if (fresh.length === 0) return;
    this.nextOffset.set(batch.partition, Number(fresh[fresh.length - 1]!.offset) + 1);
    const source = String(batch.partition);
    let newest = Number.NEGATIVE_INFINITY;
    this.buffered.push(
      fresh.map((e) => {
        newest = Math.max(newest, e.value.event_time);
        return { event: e.value, source };
      }),
    );
    this.count += fresh.length;
    this.aligner.observe(batch.topic, batch.partition, newest, batch.offsetLag === 0);
  }

  shouldFlush(): boolean {
    return this.count >= this.maxBuffered;
  }

  flush(): Promise<void> {
    const run = this.flushing.then(() => this.scoreAndPublish());
    this.flushing = run.catch(() => undefined);
    return run;
  }

  /**
   * Lets partitions that went quiet stop holding the watermark back and publishes what that closes
   * (traffic paused: the last windows are scored); in turn with the flushes.
   */
  advanceIdle(now = Date.now()): Promise<void> {
    const run = this.flushing.then(() => this.output.emit(this.detection.pipeline.advance(now), this.detection.versions));
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private async scoreAndPublish(): Promise<void> {
    if (!this.unsent) {
      const batches = this.buffered;
      this.buffered = [];
      this.count = 0;
      // Each batch is already in event-time order within its partition; a stable sort keeps it.
      const merged = batches.flat().sort((a, b) => a.event.event_time - b.event.event_time);
      this.unsent = this.detection.process(merged, Date.now());
    }
    await this.output.emit(this.unsent, this.detection.versions);
    this.unsent = undefined;
  }
}
