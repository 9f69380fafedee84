import type { GatewayConfig } from '@pcms/config';
import type { JournalRetentionOptions, RetentionLogger } from '@pcms/journal-emitter';

const MINUTE_MS = 60 * 1000;

/** The payload retention purge as the configuration sets it (`journal.payloads.*`, `redis.*`). */
export function journalRetentionOptions(
  config: Pick<GatewayConfig, 'redis' | 'journal'>,
  logger: RetentionLogger,
): JournalRetentionOptions {
  return {
    redisUrl: config.redis.url,
    keyPrefix: config.redis.keyPrefix,
    retentionDays: config.journal.payloads.retentionDays,
    everyMs: config.journal.payloads.purgeEveryMinutes * MINUTE_MS,
    logger,
  };
}
