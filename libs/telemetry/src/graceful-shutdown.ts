import type { Logger } from 'pino';

/**
 * Runs `steps` once on SIGTERM or SIGINT (or when the returned function is called, e.g. after a
 * crash), logs why, then exits with the given code. Steps finish the work in hand before closing.
 */
export function onShutdown(log: Logger, steps: () => Promise<void>): (reason: string, exitCode?: number) => Promise<void> {
  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string, exitCode = 0): Promise<void> => {
    stopping ??= (async () => {
      log.info({ reason }, 'shutting down');
      try {
        await steps();
        log.info('stopped');
      } catch (err) {
        log.error({ err }, 'shutdown did not complete cleanly');
        exitCode = exitCode || 1;
      }
      process.exit(exitCode);
    })();
    return stopping;
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return shutdown;
}
