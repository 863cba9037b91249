/**
 * Fixed-size histogram on a log scale: constant memory per window, quantiles within one bucket's
 * relative width (about 10% with the defaults) — enough for latency percentiles.
 */
export class LogHistogram {
  private readonly counts: Uint32Array;
  private total = 0;

  constructor(
    private readonly min = 0.1,
    private readonly max = 600_000,
    private readonly bucketsPerDecade = 24,
  ) {
    this.counts = new Uint32Array(this.bucketOf(max) + 2);
  }

  private bucketOf(value: number): number {
    if (value <= this.min) return 0;
    return 1 + Math.floor(Math.log10(Math.min(value, this.max) / this.min) * this.bucketsPerDecade);
  }

  /** Upper edge of a bucket: what a quantile falling in it reports. */
  private upperOf(bucket: number): number {
    return bucket === 0 ? this.min : this.min * 10 ** (bucket / this.bucketsPerDecade);
  }

  add(value: number): void {
    this.counts[this.bucketOf(value)]!++;
    this.total++;
  }

  get count(): number {
    return this.total;
  }

  quantile(q: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let b = 0; b < this.counts.length; b++) {
      seen += this.counts[b]!;
      if (seen >= rank) return this.upperOf(b);
    }
    return this.max;
  }
}
