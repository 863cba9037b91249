import { Kafka, logLevel, type KafkaConfig, type LogEntry, type SASLOptions } from 'kafkajs';
import type { PlatformConfig } from '#config';
import { loggerFor } from '#telemetry';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** Routes kafkajs's own log lines into our structured logger. */
function pinoLogCreator() {
  const log = loggerFor('kafkajs');
  return ({ level, log: entry }: LogEntry) => {
    const { message, ...context } = entry;
    log[LEVELS[level] ?? 'info'](context, message);
  };
}

function sasl(config: PlatformConfig): SASLOptions | undefined {
  if (config.kafkaSaslMechanism === 'none') return undefined;
  return {
    mechanism: config.kafkaSaslMechanism,
    username: config.kafkaSaslUsername ?? '',
    password: config.kafkaSaslPassword ?? '',
  } as SASLOptions;
}

export function createKafka(config: PlatformConfig, clientSuffix: string): Kafka {
  const options: KafkaConfig = {
    clientId: `${config.kafkaClientId}-${clientSuffix}`,
    brokers: config.kafkaBrokers,
    ssl: config.kafkaSsl,
    sasl: sasl(config),
    logLevel: logLevel.WARN,
    logCreator: pinoLogCreator,
    retry: { initialRetryTime: 200, retries: 8 },
  };
  return new Kafka(options);
}
