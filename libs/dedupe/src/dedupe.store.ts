import type { Redis } from 'ioredis';

export type ClaimResult = 'new' | 'duplicate' | 'in-progress';

export interface DedupeOptions {
  /** Prefix of the keys, e.g. `pcms:dedupe:submissions`. */
  keyPrefix: string;
  /** How long a processed id is remembered. */
  retentionSeconds: number;
  /** How long a claim protects an id being processed; a crashed process's claim expires after it. */
  leaseSeconds: number;
}

const DONE = 'done';
const PENDING = 'pending';

/**
 * Idempotency by message id. An id is claimed before processing and marked done only after what
 * it produced was confirmed by the broker, so a process that dies in between loses nothing: its
 * claim expires and the redelivered message is processed again (at-least-once on the wire,
 * effectively-once at the destination).
 */
export class DedupeStore {
  constructor(
    private readonly redis: Redis,
    private readonly options: DedupeOptions,
  ) {}

  async claim(id: string): Promise<ClaimResult> {
    const key = this.key(id);
    const claimed = await this.redis.set(key, PENDING, 'EX', this.options.leaseSeconds, 'NX');
    if (claimed === 'OK') return 'new';
    return (await this.redis.get(key)) === DONE ? 'duplicate' : 'in-progress';
  }

  async complete(id: string): Promise<void> {
    await this.redis.set(this.key(id), DONE, 'EX', this.options.retentionSeconds);
  }

  /** Forget a claim whose processing failed, so that a corrected replay is not taken for a duplicate. */
  async release(id: string): Promise<void> {
    const key = this.key(id);
    // Delete only our pending claim, never a completed mark (compare-and-delete in one step).
    await this.redis.eval(
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
      1,
      key,
      PENDING,
    );
  }

  private key(id: string): string {
    return `${this.options.keyPrefix}:${id}`;
  }
}
