import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

let root: Logger = pino({ level: 'info', base: { service: 'pulse' }, timestamp: pino.stdTimeFunctions.isoTime });

/** Replaces the root logger (a service calls this once with its name and level). */
export function configureLogging(options: { service: string; level: string }): Logger {
  root = pino({ level: options.level, base: { service: options.service }, timestamp: pino.stdTimeFunctions.isoTime });
  return root;
}

/** A logger whose lines carry `ns`, so each class's lines can be filtered. */
export function loggerFor(namespace: string): Logger {
  return root.child({ ns: namespace });
}
