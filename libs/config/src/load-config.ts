import { EnvParseError, type EnvVar } from './env-spec';

export type EnvSpec = Record<string, EnvVar<unknown>>;
export type ConfigOf<S extends EnvSpec> = { [K in keyof S]: S[K] extends EnvVar<infer T> ? T : never };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads every variable of `spec` from `env` and fails once, listing every bad variable, rather than
 * at the first one.
 */
export function loadConfig<S extends EnvSpec>(spec: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(spec)) {
    try {
      out[key] = variable.parse(env[variable.name]);
    } catch (err) {
      if (!(err instanceof EnvParseError)) throw err;
      problems.push(err.message);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as ConfigOf<S>;
}

/** A markdown table of the variables, for README.md and `.env.example`. */
export function describeEnv(spec: EnvSpec): string[][] {
  return Object.values(spec).map((v) => [v.name, v.defaultText ?? '(required)', v.description]);
}
