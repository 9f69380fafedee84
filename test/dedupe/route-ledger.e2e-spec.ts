import { RouteLedger } from '@pcms/dedupe';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

describe(RouteLedger.name, () => {
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: false, maxRetriesPerRequest: 2 });
  const keyPrefix = `pcms-test:${randomUUID()}:routes`;
  const sut = new RouteLedger(redis, { keyPrefix, retentionSeconds: 60 });

  afterAll(async () => {
    const keys = await redis.keys(`${keyPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('publishes each route once: a second pass over the same message publishes nothing', async () => {
    const id = randomUUID();
    const published: string[] = [];
    const publish = (route: string): Promise<void> => Promise.resolve(void published.push(route));

    const first = await sut.sendOnce(id, ['deliver.RP', 'interpol.person.wanted'], String, publish);
    const second = await sut.sendOnce(id, ['deliver.RP', 'interpol.person.wanted'], String, publish);

    expect(first).toEqual({ sent: ['deliver.RP', 'interpol.person.wanted'], skipped: [] });
    expect(second).toEqual({ sent: [], skipped: ['deliver.RP', 'interpol.person.wanted'] });
    expect(published).toEqual(['deliver.RP', 'interpol.person.wanted']);
    expect(await redis.ttl(`${keyPrefix}:${id}`)).toBeGreaterThan(50);
  });

  it('after a partly failed fan-out, sends again only the route that was not confirmed', async () => {
    const id = randomUUID();
    const published: string[] = [];
    let failNe = true;
    const publish = (route: string): Promise<void> => {
      if (route === 'deliver.NP-NE' && failNe) return Promise.reject(new Error('not confirmed'));
      published.push(route);
      return Promise.resolve();
    };
    const routes = ['deliver.RP', 'deliver.NP-NE', 'deliver.NP-ML'];

    await expect(sut.sendOnce(id, routes, String, publish)).rejects.toThrow('not confirmed');
    failNe = false;
    const retry = await sut.sendOnce(id, routes, String, publish);

    expect(retry).toEqual({ sent: ['deliver.NP-NE'], skipped: ['deliver.RP', 'deliver.NP-ML'] });
    expect(published.sort()).toEqual(['deliver.NP-ML', 'deliver.NP-NE', 'deliver.RP']);
  });

  it('keeps the routes of one message apart from another message', async () => {
    const [one, other] = [randomUUID(), randomUUID()];
    await sut.confirm(one, 'deliver.RP');

    expect(await sut.confirmed(one, ['deliver.RP', 'deliver.NP-ML'])).toEqual(new Set(['deliver.RP']));
    expect(await sut.confirmed(other, ['deliver.RP'])).toEqual(new Set());
  });

  it('fails open when Redis cannot answer: publishes every route and says so, never holds the message back', async () => {
    // Nothing listens on port 1: every command fails at once.
    const gone = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      lazyConnect: true,
    });
    const unavailable: string[] = [];
    const ledger = new RouteLedger(gone, {
      keyPrefix,
      retentionSeconds: 60,
      onUnavailable: (_error, messageId) => void unavailable.push(messageId),
    });
    const id = randomUUID();
    const published: string[] = [];

    const result = await ledger.sendOnce(id, ['deliver.RP'], String, (route) =>
      Promise.resolve(void published.push(route)),
    );

    expect(result).toEqual({ sent: ['deliver.RP'], skipped: [] });
    expect(published).toEqual(['deliver.RP']);
    expect(unavailable).toEqual([id, id]);
    gone.disconnect();
  });
});
