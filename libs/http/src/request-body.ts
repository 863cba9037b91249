import { BadRequestException } from '@nestjs/common';

/** Reads one field of a JSON body, with a 400 that names the field and what it should be. */
export class RequestBody {
  constructor(private readonly body: unknown) {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new BadRequestException('The request body must be a JSON object');
  }

  private value(field: string): unknown {
    return (this.body as Record<string, unknown>)[field];
  }

  string(field: string): string;
  string(field: string, fallback: string): string;
  string(field: string, fallback?: string): string {
    const v = this.value(field);
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'string' || v.trim() === '') throw new BadRequestException(`"${field}" must be a non-empty string`);
    return v;
  }

  number(field: string, bounds: { min?: number; max?: number; integer?: boolean } = {}, fallback?: number): number {
    const v = this.value(field);
    if (v === undefined && fallback !== undefined) return fallback;
    const ok = typeof v === 'number' && Number.isFinite(v) && (bounds.min === undefined || v >= bounds.min) && (bounds.max === undefined || v <= bounds.max) && (!bounds.integer || Number.isInteger(v));
    if (!ok) {
      const range = [bounds.min !== undefined ? `>= ${bounds.min}` : '', bounds.max !== undefined ? `<= ${bounds.max}` : ''].filter(Boolean).join(' and ');
      throw new BadRequestException(`"${field}" must be a${bounds.integer ? 'n integer' : ' number'}${range ? ` ${range}` : ''}, got ${JSON.stringify(v)}`);
    }
    return v;
  }

  oneOf<const T extends string>(field: string, values: readonly T[], fallback?: T): T {
    const v = this.value(field);
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'string' || !values.includes(v as T)) throw new BadRequestException(`"${field}" must be one of ${values.join(', ')}, got ${JSON.stringify(v)}`);
    return v as T;
  }

  /** An object of finite numbers, e.g. `{ "auc": 0.91 }`. */
  metrics(field: string): Record<string, number> {
    const v = this.value(field);
    if (v === null || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length === 0) throw new BadRequestException(`"${field}" must be an object of metric name to number`);
    for (const [name, value] of Object.entries(v)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new BadRequestException(`"${field}.${name}" must be a finite number, got ${JSON.stringify(value)}`);
    }
    return v as Record<string, number>;
  }
}
