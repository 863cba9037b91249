/**
 * Progressive validation of a probabilistic model: each prediction is scored against the outcome
 * before the model learns from it. Log loss and calibration (expected calibration error over ten
 * probability bins) are exponentially weighted, so they describe the recent model.
 */
export class CalibrationMonitor {
  private readonly predicted = new Float64Array(10);
  private readonly observed = new Float64Array(10);
  private readonly counts = new Float64Array(10);
  private logLossSum = 0;
  private weightSum = 0;

  constructor(private readonly decay = 0.999) {}

  observe(probability: number, target: number): void {
    const p = Math.min(1 - 1e-9, Math.max(1e-9, probability));
    this.logLossSum = this.decay * this.logLossSum - (target * Math.log(p) + (1 - target) * Math.log(1 - p));
    this.weightSum = this.decay * this.weightSum + 1;
    const bin = Math.min(9, Math.floor(p * 10));
    for (let b = 0; b < 10; b++) {
      this.predicted[b]! *= this.decay;
      this.observed[b]! *= this.decay;
      this.counts[b]! *= this.decay;
    }
    this.predicted[bin]! += p;
    this.observed[bin]! += target;
    this.counts[bin]! += 1;
  }

  get logLoss(): number {
    return this.weightSum > 0 ? this.logLossSum / this.weightSum : Number.NaN;
  }

  /** Mean |predicted − observed| over bins, weighted by how many predictions fell in each. */
  get expectedCalibrationError(): number {
    let total = 0;
    let error = 0;
    for (let b = 0; b < 10; b++) {
      if (this.counts[b]! === 0) continue;
      error += Math.abs(this.predicted[b]! - this.observed[b]!);
      total += this.counts[b]!;
    }
    return total > 0 ? error / total : Number.NaN;
  }
}
