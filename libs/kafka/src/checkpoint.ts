/**
 * Something that holds effects of processed events until they are made durable: a ClickHouse
 * appender, a buffer of outputs to produce. Offsets are committed only after every sink flushed.
 */
export interface Sink {
  /** True when the sink wants to be flushed now (size or age threshold reached). */
  shouldFlush(): boolean;
  /** Makes everything appended so far durable; retries transient failures itself or throws. */
  flush(): Promise<void>;
}

/** Topic-partition → next offset to read, i.e. the offset to commit. */
export class PendingOffsets {
  private readonly pending = new Map<string, { topic: string; partition: number; offset: string }>();

  advance(topic: string, partition: number, nextOffset: string): void {
    this.pending.set(`${topic}\u0000${partition}`, { topic, partition, offset: nextOffset });
  }

  get size(): number {
    return this.pending.size;
  }

  /** Removes and returns everything pending. */
  take(): { topic: string; partition: number; offset: string }[] {
    const out = [...this.pending.values()];
    this.pending.clear();
    return out;
  }

  /** Puts back offsets whose commit failed, unless newer ones arrived meanwhile. */
  restore(offsets: { topic: string; partition: number; offset: string }[]): void {
    for (const o of offsets) {
      const key = `${o.topic}\u0000${o.partition}`;
      if (!this.pending.has(key)) this.pending.set(key, o);
    }
  }
}

/** Serialises async work: checkpoints must not interleave with each other. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
