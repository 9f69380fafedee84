// The lease against the real Redis: one holder at a time, renewal and release by the holder only,
// hand-over on expiry with a larger fence, and the periodic job run by one instance at a time.
import { LeaseLostError, RedisLease, fenceKey, runExclusively, type ExclusiveJob } from '@pcms/lease';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { expectEventually } from '../support/expect-eventually';

jest.setTimeout(30_000);

describe(RedisLease.name, () => {
  const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 2 });
  const prefix = `pcms-test:${randomUUID()}:lease`;
  const keyOf = (name: string) => `${prefix}:${name}`;

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('is granted to exactly one of twenty contenders racing for it, round after round', async () => {
    for (let round = 0; round < 10; round += 1) {
      const key = keyOf(`race-${round}`);
      const contenders = Array.from(
        { length: 20 },
        (_, i) => new RedisLease(redis, key, { ttlMs: 10_000, owner: `c${i}` }),
      );

      const grants = await Promise.all(contenders.map((sut) => sut.acquire()));

      expect(grants.filter((grant) => grant !== undefined)).toHaveLength(1);
      expect(contenders.filter((sut) => sut.held !== undefined)).toHaveLength(1);
      const holder = contenders.find((sut) => sut.held !== undefined)!;
      expect(await redis.get(key)).toBe(holder.held!.token);
    }
  });

  it('is never held by two while they keep competing and the holder keeps releasing', async () => {
    const key = keyOf('churn');
    const a = new RedisLease(redis, key, { ttlMs: 5_000, owner: 'a' });
    const b = new RedisLease(redis, key, { ttlMs: 5_000, owner: 'b' });
    let inside = 0;
    let most = 0;
    let turns = 0;
    const work = async (sut: RedisLease) => {
      for (let i = 0; i < 200; i += 1) {
        await sut.runIfHolder(async () => {
          inside += 1;
          most = Math.max(most, inside);
          turns += 1;
          await new Promise((resolve) => setImmediate(resolve));
          inside -= 1;
        });
        await sut.release();
      }
    };

    await Promise.all([work(a), work(b)]);

    expect(most).toBe(1);
    expect(turns).toBeGreaterThan(0);
  });

  it('hands over when the grant expires, with a larger fence, and the late holder can neither renew nor release', async () => {
    const key = keyOf('expiry');
    const late = new RedisLease(redis, key, { ttlMs: 300, owner: 'late' });
    const next = new RedisLease(redis, key, { ttlMs: 10_000, owner: 'next' });
    const first = await late.acquire();
    expect(first).toBeDefined();
    expect(await next.acquire()).toBeUndefined();

    let second: Awaited<ReturnType<RedisLease['acquire']>>;
    await expectEventually(async () => {
      second = await next.acquire();
      expect(second).toBeDefined();
    });

    expect(second!.fence).toBeGreaterThan(first!.fence);
    expect(Number(await redis.get(fenceKey(key)))).toBe(second!.fence);
    expect(await late.renew()).toBe(false);
    expect(late.held).toBeUndefined();
    expect(await late.release()).toBe(false);
    expect(await redis.get(key)).toBe(second!.token);
  });

  it('does nothing when released by one that is not the holder, and renews for the holder only', async () => {
    const key = keyOf('release');
    const holder = new RedisLease(redis, key, { ttlMs: 1_000, owner: 'holder' });
    const other = new RedisLease(redis, key, { ttlMs: 1_000, owner: 'other' });
    const grant = await holder.acquire();

    expect(await other.release()).toBe(false);
    expect(await other.renew()).toBe(false);
    expect(await redis.get(key)).toBe(grant!.token);

    await redis.pexpire(key, 50);
    expect(await holder.renew()).toBe(true);
    expect(await redis.pttl(key)).toBeGreaterThan(500);

    expect(await holder.release()).toBe(true);
    expect(await redis.exists(key)).toBe(0);
    expect(await other.acquire()).toBeDefined();
  });

  it('runs a job only for the holder, and aborts its signal when a renewal finds the lease taken', async () => {
    const key = keyOf('run');
    const holder = new RedisLease(redis, key, { ttlMs: 150, owner: 'holder' });
    const other = new RedisLease(redis, key, { ttlMs: 150, owner: 'other' });
    let signalled: unknown;

    const run = holder.runIfHolder(
      (_grant, signal) =>
        new Promise<string>((resolve) => {
          signal.addEventListener('abort', () => {
            signalled = signal.reason;
            resolve('stopped');
          });
        }),
    );
    await expectEventually(async () => expect(await redis.exists(key)).toBe(1));
    expect(await other.runIfHolder(() => Promise.resolve('ran'))).toEqual({ ran: false });
    // Another takes the key as if the holder had been paused past its ttl.
    await redis.set(key, 'someone-else', 'PX', 10_000);

    expect(await run).toEqual({ ran: true, value: 'stopped' });
    expect(signalled).toBeInstanceOf(LeaseLostError);
  });
});

describe(runExclusively.name, () => {
  const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 2 });
  const prefix = `pcms-test:${randomUUID()}:exclusive`;
  const jobs: ExclusiveJob[] = [];

  afterEach(async () => {
    await Promise.all(jobs.splice(0).map((job) => job.stop()));
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('runs a periodic job in one of three instances, never two at once, and once per period', async () => {
    const key = `${prefix}:three`;
    const runs: string[] = [];
    let inside = 0;
    let most = 0;
    const everyMs = 200;
    const started = Date.now();
    for (const name of ['a', 'b', 'c']) {
      jobs.push(
        runExclusively(
          redis,
          key,
          everyMs,
          async () => {
            inside += 1;
            most = Math.max(most, inside);
            runs.push(name);
            await new Promise((resolve) => setTimeout(resolve, 20));
            inside -= 1;
          },
          { ttlMs: 3_000, owner: name },
        ),
      );
    }

    await expectEventually(() => expect(runs.length).toBeGreaterThanOrEqual(5));
    await Promise.all(jobs.splice(0).map((job) => job.stop()));
    const elapsed = Date.now() - started;

    expect(most).toBe(1);
    expect(new Set(runs).size).toBe(1);
    // Once per period: never more runs than periods begun (plus the first, at once).
    expect(runs.length).toBeLessThanOrEqual(Math.floor(elapsed / everyMs) + 1);
  });

  it('is taken over at once when its holder stops, keeping the period', async () => {
    const key = `${prefix}:handover`;
    const runs: Array<{ name: string; at: number }> = [];
    const make = (name: string) =>
      runExclusively(
        redis,
        key,
        300,
        () => {
          runs.push({ name, at: Date.now() });
          return Promise.resolve();
        },
        { ttlMs: 60_000, owner: name },
      );
    const first = make('first');
    await expectEventually(() => expect(runs).toHaveLength(1));
    const second = make('second');
    jobs.push(second);
    expect(second.isHolder).toBe(false);

    await first.stop();

    // With a 60 s ttl, only a release explains a take-over within the test's time.
    await expectEventually(() => expect(runs.map((r) => r.name)).toContain('second'));
    const handedOver = runs.find((r) => r.name === 'second');
    expect(handedOver!.at - runs[0].at).toBeGreaterThanOrEqual(300);
    expect(second.isHolder).toBe(true);
  });

  it('goes on after a failed run, reporting the error', async () => {
    const key = `${prefix}:failing`;
    const errors: unknown[] = [];
    let calls = 0;
    jobs.push(
      runExclusively(
        redis,
        key,
        50,
        () => {
          calls += 1;
          return calls === 1 ? Promise.reject(new Error('first run fails')) : Promise.resolve();
        },
        { ttlMs: 3_000, onError: (error) => errors.push(error) },
      ),
    );

    await expectEventually(() => expect(calls).toBeGreaterThanOrEqual(3));
    expect(errors).toHaveLength(1);
  });
});
