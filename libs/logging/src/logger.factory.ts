import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

let routedDestination: DestinationStream | undefined;

/**
 * Where loggers created without a destination write from now on: stdout when `undefined`. Only
 * tests route them (`@pcms/logging/testing`), so that the warnings a test provokes on purpose are
 * captured and asserted instead of printed among the results.
 */
export function routeDefaultLogs(destination: DestinationStream | undefined): void {
  routedDestination = destination;
}

/**
 * One structured logging style for every process: JSON lines carrying the app name and, on
 * message-scoped lines, `messageId` and `correlationId` (use `forMessage`). Never log a payload,
 * a person's name or key material: the redaction list is a safety net, not a licence.
 */
export function createLogger(
  app: string,
  level: LevelWithSilent = 'info',
  destination: DestinationStream = routedDestination ?? pino.destination(1),
): Logger {
  return pino(
    {
      level,
      base: { app },
      redact: {
        paths: ['payload', '*.payload', 'privateKeyPem', '*.privateKeyPem', 'password', '*.password'],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export function forMessage(logger: Logger, ids: { messageId?: string; correlationId?: string }): Logger {
  return logger.child({ messageId: ids.messageId, correlationId: ids.correlationId });
}
