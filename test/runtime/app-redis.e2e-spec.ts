import { Socket } from 'node:net';
import { createLogger } from '@pcms/logging';
import { createAppRedis } from '@pcms/runtime';
import { uniqueNamespace } from '../support/unique-namespace';

describe('the app Redis client', () => {
  const prefix = uniqueNamespace(__filename);
  const redis = createAppRedis('redis://127.0.0.1:6379', 'test-app-redis', createLogger('test', 'silent'));

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  // The claims of the messages a consumer handles at once are issued in the same tick.
  it('sends the commands of one tick in fewer writes than commands, each with its own reply', async () => {
    await redis.ping();
    const single = jest.spyOn(Socket.prototype, '_write' as never);
    const vector = jest.spyOn(Socket.prototype, '_writev' as never);
    const commands = 30;
    try {
      const replies = await Promise.all(
        Array.from({ length: commands }, (_, index) => redis.incrby(`${prefix}:counter-${index}`, index + 1)),
      );
      expect(replies).toEqual(Array.from({ length: commands }, (_, index) => index + 1));
      const writes = single.mock.calls.length + vector.mock.calls.length;
      expect(writes).toBeGreaterThan(0);
      expect(writes).toBeLessThan(commands / 2);
    } finally {
      single.mockRestore();
      vector.mockRestore();
    }
  });
});
