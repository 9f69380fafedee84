import type { Logger } from '@pcms/logging';
import type { MessagingLogger } from '@pcms/messaging';

/** The app's structured logger as the broker connection's: its lines carry `app` and obey `logLevel`. */
export function messagingLoggerOf(logger: Logger): MessagingLogger {
  return {
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}
