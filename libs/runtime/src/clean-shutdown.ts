import type { INestApplicationContext } from '@nestjs/common';

/**
 * SIGINT/SIGTERM run Nest's shutdown hooks, then exit with `process.exit(0)` rather than Nest's
 * default re-sent signal: pino writes stdout asynchronously and flushes on 'exit', which a process
 * killed by a signal never emits, so the last lines ("stopped cleanly") could be lost.
 */
export function enableCleanShutdown(app: INestApplicationContext): void {
  app.enableShutdownHooks([], { useProcessExit: true });
}
