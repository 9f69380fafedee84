import { leaseKey, RedisLease } from '@pcms/lease';
import type { InterpolNoticeKind } from '@pcms/translation';
import type { Redis } from 'ioredis';
import type { PollSummary } from './public-notices.poller';

/** A poll renews its lease every third of this; a process that dies mid-poll frees the kind after it. */
export const POLL_LEASE_MS = 30_000;

/** `<redis.keyPrefix>:lease:public-notices:<kind>` */
export function pollLeaseKey(redisKeyPrefix: string, kind: InterpolNoticeKind): string {
  return leaseKey(redisKeyPrefix, `public-notices:${kind}`);
}

/**
 * Runs one poll of `kind` under the kind's lease, so that no two processes (adapters, the CLI) poll
 * one kind at once: both would forward a notice before either recorded its fingerprint (issue 12).
 * Undefined when another process holds the lease; released after, so that the next poll may start.
 */
export async function pollUnderLease(
  redis: Redis,
  redisKeyPrefix: string,
  kind: InterpolNoticeKind,
  poll: () => Promise<PollSummary>,
): Promise<PollSummary | undefined> {
  const lease = new RedisLease(redis, pollLeaseKey(redisKeyPrefix, kind), { ttlMs: POLL_LEASE_MS });
  try {
    const outcome = await lease.runIfHolder(poll);
    return outcome.ran ? outcome.value : undefined;
  } finally {
    await lease.release();
  }
}
