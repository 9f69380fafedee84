import type { Redis } from 'ioredis';
import { RedisLease, type LeaseGrant } from './redis-lease';

export interface ExclusiveJobOptions {
  /**
   * How long the lease lasts without renewal (default 15 s): when its holder dies without
   * releasing, another instance takes the job over after at most this. Renewed every ttl/3.
   */
  readonly ttlMs?: number;
  /** Who holds it, written in the key for operators (`router#2`). */
  readonly owner?: string;
  /** A failed run or an unreachable Redis: reported here, the next turn tries again. */
  readonly onError?: (error: unknown) => void;
}

/** What a run is given: its grant (the fence to stamp writes with) and a signal that aborts if the lease is lost. */
export interface ExclusiveRun {
  readonly grant: LeaseGrant;
  readonly signal: AbortSignal;
}

export interface ExclusiveJob {
  /** True while this instance holds the job's lease (as far as it knows). */
  readonly isHolder: boolean;
  /** Stop: no new run, the current one awaited, the lease released so that another takes it at once. */
  stop(): Promise<void>;
}

const DEFAULT_TTL_MS = 15_000;

/**
 * A periodic job run by one instance of the gateway at a time, at most once per `everyMs` across
 * all of them: the holder of the lease `key` runs it; the others only try to take the lease, and
 * one of them does when the holder stops (at once) or dies (after ttlMs). The period survives a
 * hand-over: a run marks `<key>:ran` for everyMs (SET NX PX), and the next holder waits it out
 * instead of running again at once.
 *
 * Turns are sequential (never two runs of one job in one process) and come every
 * min(everyMs, ttlMs / 3). A run that lasts longer than the ttl keeps its lease (renewed while it
 * runs); if a renewal finds it lost, `signal` aborts and the run should stop where it can.
 */
export function runExclusively(
  redis: Redis,
  key: string,
  everyMs: number,
  job: (run: ExclusiveRun) => Promise<void>,
  options: ExclusiveJobOptions = {},
): ExclusiveJob {
  if (!Number.isInteger(everyMs) || everyMs <= 0) {
    throw new RangeError(`exclusive job ${key}: everyMs must be a positive integer, got ${everyMs}`);
  }
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const lease = new RedisLease(redis, key, { ttlMs, owner: options.owner });
  const turnMs = Math.max(1, Math.min(everyMs, Math.floor(ttlMs / 3)));
  const report = options.onError ?? (() => undefined);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let turning: Promise<void> | undefined;

  const turn = async (): Promise<void> => {
    try {
      await lease.runIfHolder(async (grant, signal) => {
        // NX: a run in this period already happened, here or in the holder before us.
        const due = await redis.set(`${key}:ran`, grant.token, 'PX', everyMs, 'NX');
        if (due === 'OK') await job({ grant, signal });
      });
    } catch (error: unknown) {
      report(error);
    }
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      turning = turn().finally(() => {
        turning = undefined;
        schedule();
      });
    }, turnMs);
  };
  // The first turn at once: a gateway that starts runs its jobs without waiting a period.
  turning = turn().finally(() => {
    turning = undefined;
    schedule();
  });

  return {
    get isHolder() {
      return lease.held !== undefined;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await turning;
      try {
        await lease.release();
      } catch (error: unknown) {
        // Redis gone at shutdown: the lease expires by itself after ttlMs.
        report(error);
      }
    },
  };
}
