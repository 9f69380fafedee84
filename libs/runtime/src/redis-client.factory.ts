import type { Logger } from '@pcms/logging';
import { Redis } from 'ioredis';

/**
 * The app's Redis client. Commands issued in the same tick (the dedupe claims and route ledgers of
 * the messages a consumer handles at once) leave in one write (`enableAutoPipelining`): ioredis
 * otherwise writes each command to the socket on its own (`writeUtf8String`, issue 14 profiles).
 * Replies and their order per command are unchanged.
 */
export function createAppRedis(url: string, app: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    connectionName: `pcms-${app}`,
    enableAutoPipelining: true,
  });
  // Without a listener, ioredis prints each connection error to stderr as "unhandled". The
  // commands that fail reach their callers, whose consumers retry them (issue 12).
  redis.on('error', (error: Error) =>
    logger.warn(
      { err: { name: error.name, code: (error as { code?: unknown }).code } },
      'Redis unavailable, reconnecting / Redis indisponible, reconnexion',
    ),
  );
  return redis;
}
