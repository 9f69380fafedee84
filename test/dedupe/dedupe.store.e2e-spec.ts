import { DedupeStore } from '@pcms/dedupe';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { expectEventually } from '../support/expect-eventually';

describe(DedupeStore.name, () => {
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: false, maxRetriesPerRequest: 2 });
  const keyPrefix = `pcms-test:${randomUUID()}:dedupe`;
  const sut = new DedupeStore(redis, { keyPrefix, retentionSeconds: 60, leaseSeconds: 1 });

  afterAll(async () => {
    const keys = await redis.keys(`${keyPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('claims a new id once, then reports it in progress, then as a duplicate once completed', async () => {
    const id = randomUUID();

    expect(await sut.claim(id)).toBe('new');
    expect(await sut.claim(id)).toBe('in-progress');
    await sut.complete(id);
    expect(await sut.claim(id)).toBe('duplicate');
    expect(await redis.ttl(`${keyPrefix}:${id}`)).toBeGreaterThan(50);
  });

  it('lets a released claim be processed again, but never releases a completed id', async () => {
    const failed = randomUUID();
    const done = randomUUID();

    await sut.claim(failed);
    await sut.release(failed);
    await sut.claim(done);
    await sut.complete(done);
    await sut.release(done);

    expect(await sut.claim(failed)).toBe('new');
    expect(await sut.claim(done)).toBe('duplicate');
  });

  it('gives a crashed claim back after its lease expires', async () => {
    const id = randomUUID();
    await sut.claim(id);

    // The lease is one second: wait for Redis to expire it, not for a fixed time.
    const result = await expectEventually(async () => {
      const claim = await sut.claim(id);
      expect(claim).toBe('new');
      return claim;
    });

    expect(result).toBe('new');
  });
});
