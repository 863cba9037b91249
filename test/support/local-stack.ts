import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { repoRoot } from './repo-root';
import { promisify } from 'node:util';

const run = promisify(execFile);
const stackScript = resolve(repoRoot(), 'deploy/local/stack');

export type StackComponent = 'kafka' | 'registry' | 'clickhouse';

/** Drives deploy/local/stack from a test: stop, start, restart or SIGKILL one server. */
export async function stack(command: 'start' | 'stop' | 'restart' | 'kill9', component: StackComponent): Promise<void> {
  await run('bash', [stackScript, command, component], { timeout: 180_000 });
}

export function stackEnv(): { kafkaBrokers: string; schemaRegistryUrl: string; clickhouseUrl: string } {
  return {
    kafkaBrokers: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092',
    schemaRegistryUrl: process.env['SCHEMA_REGISTRY_URL'] ?? 'http://127.0.0.1:18081/apis/ccompat/v7',
    clickhouseUrl: process.env['CLICKHOUSE_URL'] ?? 'http://127.0.0.1:18123',
  };
}

/** What every service needs to run inside one test namespace: the stack's addresses, its topic prefix and database, its metrics port. */
export function namespacedServiceEnv(ns: { topicPrefix: string; database: string }, metricsPort: number): Record<string, string> {
  const env = stackEnv();
  return {
    KAFKA_BROKERS: env.kafkaBrokers,
    SCHEMA_REGISTRY_URL: env.schemaRegistryUrl,
    CLICKHOUSE_URL: env.clickhouseUrl,
    CLICKHOUSE_DATABASE: ns.database,
    PULSE_TOPIC_PREFIX: ns.topicPrefix,
    METRICS_PORT: String(metricsPort),
  };
}
