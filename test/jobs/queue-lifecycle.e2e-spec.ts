// On the real Redis: a queue stopped right after it started (a process that shuts down at once, a
// test that restarts a schedule) neither rejects its stop nor leaves an unhandled rejection.
import { closeQueue, runWorker } from '@pcms/jobs';
import Bull from 'bull';
import { Redis } from 'ioredis';
import { uniqueNamespace } from '../support/unique-namespace';

const REDIS_URL = process.env.PCMS_REDIS_URL ?? 'redis://127.0.0.1:6379';

jest.setTimeout(60_000);

describe('bull queue lifecycle', () => {
  const prefix = `pcms-test:${uniqueNamespace(__filename)}`;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

  beforeAll(() => process.on('unhandledRejection', onUnhandled));

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('closes a queue stopped right after its worker started, twenty times, without a failure', async () => {
    const failures: unknown[] = [];

    for (let round = 0; round < 20; round++) {
      const queue = new Bull<{ round: number }>('lifecycle', REDIS_URL, { prefix });
      await queue.isReady();
      await queue.add({ round }, { removeOnComplete: true });
      runWorker(
        queue.process(1, () => Promise.resolve()),
        (error) => failures.push(error),
      );
      await closeQueue(queue);
    }
    await new Promise((resolve) => setImmediate(resolve));

    expect(failures).toEqual([]);
    expect(unhandled).toEqual([]);
  });

  it('hands a worker failure that is not a closed connection to its handler', async () => {
    const failures: unknown[] = [];
    const broken = new Error('the processor could not start');

    runWorker(Promise.reject(broken), (error) => failures.push(error));
    await new Promise((resolve) => setImmediate(resolve));

    expect(failures).toEqual([broken]);
  });

  it('still reports a close that fails for another reason', async () => {
    const queue = {
      close: () => Promise.reject(new Error("READONLY You can't write against a read only replica.")),
    };

    await expect(closeQueue(queue as unknown as Bull.Queue)).rejects.toThrow('READONLY');
  });
});
