import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';

export interface RedisLeaseOptions {
  /** How long a grant lasts without renewal: a holder that dies is replaced after at most this. */
  readonly ttlMs: number;
  /** Who holds it, for operators reading the key (`router#2@host:pid`); a random suffix is added. */
  readonly owner?: string;
}

/** What the holder got: its token (the value of the key) and its fencing number. */
export interface LeaseGrant {
  readonly token: string;
  /**
   * A number that grows with every grant of this lease (never reused, kept in `<key>:fence`). A
   * write made under the lease can carry it; a store that remembers the highest fence it saw
   * refuses the write of a holder that lost the lease while paused (Kleppmann, "How to do
   * distributed locking", 2016).
   */
  readonly fence: number;
}

// SET NX PX and the fence counter in one step: a grant always has its own fence, never a shared one.
const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return 0`;

// Renew and release only by the holder: compare the token and act in one step, so that a late
// holder whose grant expired never extends or deletes the grant of the one after it.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * A lease in Redis: at most one holder at a time per key (SET key token NX PX ttl), renewed and
 * released only by its holder (compare-and-set in Lua), handed over when it expires. Redis is one
 * node here; a holder paused longer than its ttl (GC, SIGSTOP) can still believe it holds it, which
 * is what the fence is for. Callers keep their work idempotent where they can and use the lease to
 * avoid doing it N times, not as the only guard.
 */
export class RedisLease {
  private grant?: LeaseGrant;
  private readonly tokenBase: string;

  constructor(
    private readonly redis: Redis,
    readonly key: string,
    private readonly options: RedisLeaseOptions,
  ) {
    if (!Number.isInteger(options.ttlMs) || options.ttlMs <= 0) {
      throw new RangeError(`lease ${key}: ttlMs must be a positive integer, got ${options.ttlMs}`);
    }
    this.tokenBase = options.owner ?? `pid${process.pid}`;
  }

  /** The grant this object holds, as far as it knows (it may have expired in Redis since). */
  get held(): LeaseGrant | undefined {
    return this.grant;
  }

  /** Take the lease if nobody holds it; undefined if someone does (maybe this object: see renew). */
  async acquire(): Promise<LeaseGrant | undefined> {
    const token = `${this.tokenBase}:${randomBytes(8).toString('hex')}`;
    const fence = Number(
      await this.redis.eval(ACQUIRE, 2, this.key, fenceKey(this.key), token, this.options.ttlMs),
    );
    if (fence === 0) return undefined;
    this.grant = { token, fence };
    return this.grant;
  }

  /** Extend our grant by ttlMs; false (and the grant forgotten) if it is no longer ours. */
  async renew(): Promise<boolean> {
    const grant = this.grant;
    if (!grant) return false;
    const renewed = Number(await this.redis.eval(RENEW, 1, this.key, grant.token, this.options.ttlMs)) === 1;
    if (!renewed && this.grant === grant) this.grant = undefined;
    return renewed;
  }

  /** Keep our grant if we have it, else try to take it: what a periodic holder does each turn. */
  async acquireOrRenew(): Promise<LeaseGrant | undefined> {
    if (this.grant && (await this.renew())) return this.grant;
    return this.acquire();
  }

  /** Give the lease back so that another takes it at once; does nothing if it is not ours. */
  async release(): Promise<boolean> {
    const grant = this.grant;
    if (!grant) return false;
    this.grant = undefined;
    return Number(await this.redis.eval(RELEASE, 1, this.key, grant.token)) === 1;
  }

  /**
   * Run `job` only if this object holds (or can take) the lease; the grant is renewed every ttl/3
   * while it runs, and `signal` aborts if a renewal finds it lost. The lease is kept afterwards (call
   * release to hand it on). `{ ran: false }` when another holder has it.
   */
  async runIfHolder<T>(
    job: (grant: LeaseGrant, signal: AbortSignal) => Promise<T>,
  ): Promise<{ ran: true; value: T } | { ran: false }> {
    const grant = await this.acquireOrRenew();
    if (!grant) return { ran: false };
    const lost = new AbortController();
    const renewing = setInterval(
      () => {
        this.renew().then(
          (renewed) => {
            if (!renewed) lost.abort(new LeaseLostError(this.key));
          },
          (error: unknown) => lost.abort(new LeaseLostError(this.key, { cause: error })),
        );
      },
      Math.max(1, Math.floor(this.options.ttlMs / 3)),
    );
    try {
      return { ran: true, value: await job(grant, lost.signal) };
    } finally {
      clearInterval(renewing);
    }
  }
}

/** A renewal found the lease held by another (or Redis unreachable): stop what needs it. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(
    readonly key: string,
    options?: ErrorOptions,
  ) {
    super(`lease ${key} lost / bail ${key} perdu`, options);
  }
}

/** The key of a lease's fencing counter (no expiry: fences must never go back). */
export function fenceKey(key: string): string {
  return `${key}:fence`;
}

/** The key of a named gateway-wide lease under the deployment's Redis prefix. */
export function leaseKey(redisKeyPrefix: string, name: string): string {
  return `${redisKeyPrefix}:lease:${name}`;
}
