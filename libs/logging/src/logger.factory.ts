import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

/**
 * One structured logging style for every process: JSON lines carrying the app name and, on
 * message-scoped lines, `messageId` and `correlationId` (use `forMessage`). Never log a payload,
 * a person's name or key material: the redaction list is a safety net, not a licence.
 */
export function createLogger(
  app: string,
  level: LevelWithSilent = 'info',
  destination: DestinationStream = pino.destination(1),
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
