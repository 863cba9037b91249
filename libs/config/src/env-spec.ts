/** One environment variable: how to parse it, its default, and the line that documents it. */
export interface EnvVar<T> {
  readonly name: string;
  readonly description: string;
  /** Shown in the docs table; omitted means required (unless `optional`). */
  readonly defaultText?: string;
  parse(raw: string | undefined): T;
}

export class EnvParseError extends Error {}

function defined(name: string, raw: string | undefined): string {
  if (raw === undefined || raw.trim() === '') throw new EnvParseError(`${name} is required`);
  return raw.trim();
}

export function str(name: string, description: string, fallback?: string): EnvVar<string> {
  return {
    name,
    description,
    defaultText: fallback,
    parse: (raw) => (raw === undefined || raw.trim() === '' ? defined(name, fallback) : raw.trim()),
  };
}

export function optionalStr(name: string, description: string): EnvVar<string | undefined> {
  return {
    name,
    description,
    defaultText: '(unset)',
    parse: (raw) => (raw === undefined || raw.trim() === '' ? undefined : raw.trim()),
  };
}

function numeric(kind: 'integer' | 'number', name: string, description: string, fallback: number, bounds: { min?: number; max?: number }): EnvVar<number> {
  return {
    name,
    description,
    defaultText: String(fallback),
    parse(raw) {
      if (raw === undefined || raw.trim() === '') return fallback;
      const value = Number(raw.trim());
      if (!Number.isFinite(value) || (kind === 'integer' && !Number.isInteger(value))) throw new EnvParseError(`${name} must be ${kind === 'integer' ? 'an integer' : 'a number'}, got "${raw}"`);
      if (bounds.min !== undefined && value < bounds.min) throw new EnvParseError(`${name} must be >= ${bounds.min}, got ${value}`);
      if (bounds.max !== undefined && value > bounds.max) throw new EnvParseError(`${name} must be <= ${bounds.max}, got ${value}`);
      return value;
    },
  };
}

export function int(name: string, description: string, fallback: number, bounds: { min?: number; max?: number } = {}): EnvVar<number> {
  return numeric('integer', name, description, fallback, bounds);
}

export function num(name: string, description: string, fallback: number, bounds: { min?: number; max?: number } = {}): EnvVar<number> {
  return numeric('number', name, description, fallback, bounds);
}

export function bool(name: string, description: string, fallback: boolean): EnvVar<boolean> {
  return {
    name,
    description,
    defaultText: String(fallback),
    parse(raw) {
      if (raw === undefined || raw.trim() === '') return fallback;
      const v = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      throw new EnvParseError(`${name} must be true or false, got "${raw}"`);
    },
  };
}

export function oneOf<const T extends string>(name: string, description: string, values: readonly T[], fallback: T): EnvVar<T> {
  return {
    name,
    description,
    defaultText: fallback,
    parse(raw) {
      if (raw === undefined || raw.trim() === '') return fallback;
      const v = raw.trim() as T;
      if (!values.includes(v)) throw new EnvParseError(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
      return v;
    },
  };
}

export function list(name: string, description: string, fallback: string): EnvVar<string[]> {
  return {
    name,
    description,
    defaultText: fallback,
    parse(raw) {
      const text = raw === undefined || raw.trim() === '' ? fallback : raw;
      const items = text.split(',').map((s) => s.trim()).filter(Boolean);
      if (items.length === 0) throw new EnvParseError(`${name} must list at least one value`);
      return items;
    },
  };
}
