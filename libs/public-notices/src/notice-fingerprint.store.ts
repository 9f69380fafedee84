import type { Redis } from 'ioredis';

/**
 * The content hash of every public notice already handled, by `<kind>:<entity_id>`, in one Redis
 * hash: a notice is forwarded again only when its content changed. Kept without expiry: the
 * service's notices live for years, and one hash entry is ~100 bytes.
 */
export class NoticeFingerprintStore {
  constructor(
    private readonly redis: Redis,
    /** `<redis.keyPrefix>:public-notices:fingerprints` */
    private readonly key: string,
  ) {}

  static keyFor(redisKeyPrefix: string): string {
    return `${redisKeyPrefix}:public-notices:fingerprints`;
  }

  async get(notice: string): Promise<string | undefined> {
    return (await this.redis.hget(this.key, notice)) ?? undefined;
  }

  async set(notice: string, fingerprint: string): Promise<void> {
    await this.redis.hset(this.key, notice, fingerprint);
  }

  async count(): Promise<number> {
    return this.redis.hlen(this.key);
  }
}
