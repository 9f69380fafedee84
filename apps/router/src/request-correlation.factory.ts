import type { GatewayConfig } from '@pcms/config';
import { RequestCorrelationStore } from '@pcms/routing';
import type { Redis } from 'ioredis';

const DAY_SECONDS = 24 * 3600;

/** The router's memory of released requests, under the deployment's prefix, for `routing.requestRetentionDays`. */
export function requestCorrelationStoreFor(
  config: Pick<GatewayConfig, 'redis' | 'routing'>,
  redis: Redis,
): RequestCorrelationStore {
  return new RequestCorrelationStore(redis, {
    keyPrefix: `${config.redis.keyPrefix}:correlation:requests`,
    retentionSeconds: config.routing.requestRetentionDays * DAY_SECONDS,
  });
}
