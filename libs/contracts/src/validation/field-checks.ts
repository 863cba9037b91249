/** A problem with one field of an event, reported to the dead-letter topic or an HTTP caller. */
export interface FieldProblem {
  field: string;
  problem: string;
}

/** Collects problems for one event; each check returns the collector so checks chain. */
export class FieldChecks {
  readonly problems: FieldProblem[] = [];

  nonEmpty(field: string, value: string): this {
    if (value.trim() === '') this.problems.push({ field, problem: 'must not be empty' });
    return this;
  }

  range(field: string, value: number | null, min: number, max: number): this {
    if (value === null) return this;
    if (!Number.isFinite(value) || value < min || value > max) this.problems.push({ field, problem: `must be between ${min} and ${max}, got ${value}` });
    return this;
  }

  positive(field: string, value: number): this {
    if (!Number.isFinite(value) || value <= 0) this.problems.push({ field, problem: `must be > 0, got ${value}` });
    return this;
  }

  nonNegative(field: string, value: number): this {
    if (!Number.isFinite(value) || value < 0) this.problems.push({ field, problem: `must be >= 0, got ${value}` });
    return this;
  }

  /** Event times from before 2000 or more than a day ahead are almost always unit mistakes (s vs ms). */
  plausibleTime(field: string, epochMs: number): this {
    const earliest = Date.UTC(2000, 0, 1);
    const latest = Date.now() + 86_400_000;
    if (!Number.isFinite(epochMs) || epochMs < earliest || epochMs > latest) {
      this.problems.push({ field, problem: `must be epoch milliseconds between 2000-01-01 and tomorrow, got ${epochMs}` });
    }
    return this;
  }

  require(field: string, condition: boolean, problem: string): this {
    if (!condition) this.problems.push({ field, problem });
    return this;
  }
}

export function describeProblems(problems: FieldProblem[]): string {
  return problems.map((p) => `${p.field} ${p.problem}`).join('; ');
}
