export interface PartitionControl {
  pause(topic: string, partition: number): void;
  resume(topic: string, partition: number): void;
}

interface PartitionProgress {
  topic: string;
  partition: number;
  newest: number;
  caughtUp: boolean;
  paused: boolean;
}

/**
 * Keeps partitions close in event time while the consumer catches up (Kafka Streams does the same
 * by picking the partition with the oldest head). A fetch returns similar byte counts per
 * partition, so a quiet partition's batches span far more time than a busy one's; unchecked, the
 * quiet one runs hours ahead and every window stays open meanwhile. A partition more than
 * `maxSkewMs` ahead of the slowest partition that still has a backlog is paused until that one
 * catches up. Caught-up partitions do not hold anyone back: live traffic is never paused.
 */
export class PartitionAligner {
  private readonly partitions = new Map<string, PartitionProgress>();

  constructor(
    private readonly control: PartitionControl,
    private readonly maxSkewMs: number,
  ) {}

  /** Records a batch: the newest event time it carried and whether the partition had more after it. */
  observe(topic: string, partition: number, newestEventTime: number, caughtUp: boolean): void {
    const key = `${topic}\u0000${partition}`;
    const progress = this.partitions.get(key) ?? { topic, partition, newest: newestEventTime, caughtUp, paused: false };
    progress.newest = Math.max(progress.newest, newestEventTime);
    progress.caughtUp = caughtUp;
    this.partitions.set(key, progress);
    this.rebalance();
  }

  get pausedPartitions(): number {
    return [...this.partitions.values()].filter((p) => p.paused).length;
  }

  private rebalance(): void {
    let slowest = Number.POSITIVE_INFINITY;
    for (const p of this.partitions.values()) if (!p.caughtUp) slowest = Math.min(slowest, p.newest);
    for (const p of this.partitions.values()) {
      const ahead = p.newest > slowest + this.maxSkewMs;
      if (ahead && !p.paused) this.control.pause(p.topic, p.partition);
      else if (!ahead && p.paused) this.control.resume(p.topic, p.partition);
      p.paused = ahead;
    }
  }
}
