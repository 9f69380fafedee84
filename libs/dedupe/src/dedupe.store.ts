import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';

/**
 * `conflict`: the id is already held by other content. A retry resends the same bytes; the same
 * id over different bytes is a bug or an attack, never a retry.
 */
export type ClaimResult = 'new' | 'duplicate' | 'in-progress' | 'conflict';

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
 *
 * Given the content, the store remembers its SHA-256 with the id, so that the same id arriving
 * with other bytes is told apart from a retry (`conflict`). Without content, ids alone count.
 */
export class DedupeStore {
  constructor(
    private readonly redis: Redis,
    private readonly options: DedupeOptions,
  ) {}

  async claim(id: string, content?: Buffer): Promise<ClaimResult> {
    const key = this.key(id);
    const digest = digestOf(content);
    const claimed = await this.redis.set(key, mark(PENDING, digest), 'EX', this.options.leaseSeconds, 'NX');
    if (claimed === 'OK') return 'new';
    const held = await this.redis.get(key);
    // Expired between the two commands: whoever held it is gone; let the message come round again.
    if (held === null) return 'in-progress';
    const [state, heldDigest] = held.split(':');
    if (digest !== undefined && heldDigest !== undefined && digest !== heldDigest) return 'conflict';
    return state === DONE ? 'duplicate' : 'in-progress';
  }

  async complete(id: string, content?: Buffer): Promise<void> {
    await this.redis.set(this.key(id), mark(DONE, digestOf(content)), 'EX', this.options.retentionSeconds);
  }

  /** Forget a claim whose processing failed, so that a corrected replay is not taken for a duplicate. */
  async release(id: string, content?: Buffer): Promise<void> {
    const key = this.key(id);
    // Delete only our pending claim, never a completed mark (compare-and-delete in one step).
    await this.redis.eval(
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
      1,
      key,
      mark(PENDING, digestOf(content)),
    );
  }

  private key(id: string): string {
    return `${this.options.keyPrefix}:${id}`;
  }
}

function digestOf(content: Buffer | undefined): string | undefined {
  return content === undefined ? undefined : createHash('sha256').update(content).digest('hex');
}

function mark(state: string, digest: string | undefined): string {
  return digest === undefined ? state : `${state}:${digest}`;
}
