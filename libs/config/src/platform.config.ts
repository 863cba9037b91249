import { bool, int, list, oneOf, optionalStr, str } from './env-spec';
import { ConfigError, loadConfig, type ConfigOf, type EnvSpec } from './load-config';

/** Variables every Pulse process reads: where Kafka, the registry and ClickHouse are, and how to log. */
export const platformEnv = {
  kafkaBrokers: list('KAFKA_BROKERS', 'Kafka bootstrap servers, comma separated', '127.0.0.1:19092'),
  kafkaClientId: str('KAFKA_CLIENT_ID', 'Client id prefix sent to Kafka', 'pulse'),
  kafkaSsl: bool('KAFKA_SSL', 'Connect to Kafka over TLS', false),
  kafkaSaslMechanism: oneOf('KAFKA_SASL_MECHANISM', 'SASL mechanism: none, plain, scram-sha-256, scram-sha-512', ['none', 'plain', 'scram-sha-256', 'scram-sha-512'], 'none'),
  kafkaSaslUsername: optionalStr('KAFKA_SASL_USERNAME', 'SASL user name (required when KAFKA_SASL_MECHANISM is not none)'),
  kafkaSaslPassword: optionalStr('KAFKA_SASL_PASSWORD', 'SASL password (required when KAFKA_SASL_MECHANISM is not none)'),
  topicPrefix: str('PULSE_TOPIC_PREFIX', 'Prefix added to every topic name', '(none)'),
  schemaRegistryUrl: str('SCHEMA_REGISTRY_URL', 'Confluent-compatible schema registry base URL', 'http://127.0.0.1:18081/apis/ccompat/v7'),
  schemaRegistryUsername: optionalStr('SCHEMA_REGISTRY_USERNAME', 'Registry basic-auth user'),
  schemaRegistryPassword: optionalStr('SCHEMA_REGISTRY_PASSWORD', 'Registry basic-auth password'),
  clickhouseUrl: str('CLICKHOUSE_URL', 'ClickHouse HTTP endpoint', 'http://127.0.0.1:18123'),
  clickhouseUser: str('CLICKHOUSE_USER', 'ClickHouse user', 'default'),
  clickhousePassword: str('CLICKHOUSE_PASSWORD', 'ClickHouse password', '(empty)'),
  clickhouseDatabase: str('CLICKHOUSE_DATABASE', 'ClickHouse database (created by migrations)', 'pulse'),
  logLevel: oneOf('LOG_LEVEL', 'trace, debug, info, warn, error', ['trace', 'debug', 'info', 'warn', 'error'], 'info'),
  metricsPort: int('METRICS_PORT', 'Port of the /metrics and /health endpoint (0 = pick a free port)', 9464, { min: 0, max: 65535 }),
  otelTraceExporter: oneOf('OTEL_TRACES_EXPORTER', 'Where spans go: none, console, jsonl (a file)', ['none', 'console', 'jsonl'], 'none'),
  otelTraceFile: optionalStr('OTEL_TRACES_FILE', 'File the jsonl exporter appends spans to (required with OTEL_TRACES_EXPORTER=jsonl)'),
};

export type PlatformConfig = ConfigOf<typeof platformEnv>;

const PLACEHOLDERS: Record<string, string> = { '(none)': '', '(empty)': '' };

/**
 * The platform variables plus a service's own, checked together so one error lists every bad
 * variable of both.
 */
export function loadServiceConfig<S extends EnvSpec>(serviceSpec: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> & { platform: PlatformConfig } {
  const problems: string[] = [];
  const attempt = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(...err.problems);
      return undefined;
    }
  };
  const platform = attempt(() => loadPlatformConfig(env));
  const service = attempt(() => loadConfig(serviceSpec, env));
  if (problems.length > 0 || !platform || !service) throw new ConfigError(problems);
  return { ...service, platform };
}

/** Loads the platform variables, then checks the ones that depend on each other. */
export function loadPlatformConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const config = loadConfig(platformEnv, env);
  for (const key of ['topicPrefix', 'clickhousePassword'] as const) {
    config[key] = PLACEHOLDERS[config[key]] ?? config[key];
  }
  const problems: string[] = [];
  if (config.kafkaSaslMechanism !== 'none') {
    if (!config.kafkaSaslUsername) problems.push('KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM is set');
    if (!config.kafkaSaslPassword) problems.push('KAFKA_SASL_PASSWORD is required when KAFKA_SASL_MECHANISM is set');
  }
  if (config.otelTraceExporter === 'jsonl' && !config.otelTraceFile) problems.push('OTEL_TRACES_FILE is required when OTEL_TRACES_EXPORTER is jsonl');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
