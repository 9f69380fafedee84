// Redis gone for a moment is not a verdict on a message (issue 12): a submission that meets the
// outage in its dedupe stage, or after it was forwarded, is retried and crosses once when Redis
// returns; nothing lands in the dead-letter queue. The apps reach Redis through a proxy the test
// turns down and up; the machine's Redis itself is never touched.
import type { PcmsEnvelope } from '@pcms/envelope';
import type { RunningApp } from '@pcms/runtime';
import { Redis } from 'ioredis';
import { startPcmsAdapter } from '../../apps/pcms-adapter/src/pcms-adapter.app';
import { deleteWaitQueues } from '../support/broker';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';
import { startRedisFaultProxy, type RedisFaultProxy } from '../support/redis-fault-proxy';

jest.setTimeout(90_000);

const RETRY = { delaysMs: [200, 400, 800], maxAttempts: 5 };

describe('a short Redis outage during a submission', () => {
  let gateway: GatewayHarness;
  let proxy: RedisFaultProxy;
  let redis: Redis;
  const seen: string[] = [];

  beforeAll(async () => {
    proxy = await startRedisFaultProxy();
    gateway = await GatewayHarness.create(__filename);
    redis = new Redis(gateway.config.redis.url);
    await gateway.startAll();
    // Only the PCMS adapter goes through the proxy: the outage is met in its submission stages.
    const apps = (gateway as unknown as { apps: Map<string, RunningApp> }).apps;
    await apps.get('pcms-adapter')?.close();
    apps.set(
      'pcms-adapter',
      await startPcmsAdapter({
        ...gateway.config,
        redis: { ...gateway.config.redis, url: proxy.url },
        amqp: { ...gateway.config.amqp, retry: RETRY },
      }),
    );
  });

  afterAll(async () => {
    proxy.up();
    try {
      await gateway.stop();
    } finally {
      // The harness removes its own layout; the wait queues of these delays are this file's.
      await deleteWaitQueues(gateway.config.amqp.namespace, RETRY);
      await redis.quit();
      await proxy.close();
    }
  });

  /** Everything RP's queue received so far, kept across drains, so that a second copy is counted. */
  async function copiesAtRp(id: string): Promise<number> {
    seen.push(...(await gateway.platform('RP').drain()).map((m) => m.envelope.id));
    return seen.filter((seenId) => seenId === id).length;
  }

  /** A later message that must arrive after any second copy of `message` would have. */
  async function barrierAfter(message: PcmsEnvelope): Promise<void> {
    const barrier = personWanted({ recipients: ['RP'] });
    await gateway.platform('NP-ML').submit(barrier);
    await expectEventually(async () => expect(await copiesAtRp(barrier.id)).toBe(1), { timeoutMs: 20_000 });
    expect(await copiesAtRp(message.id)).toBe(1);
    const letters = await gateway.stats.peekDeadLetters(500);
    expect(letters.filter((l) => l.messageId === message.id)).toEqual([]);
  }

  it('retries a submission whose dedupe claim met the outage, and delivers it once Redis is back', async () => {
    const message = personWanted({ recipients: ['RP'] });
    proxy.down();

    await gateway.platform('NP-ML').submit(message);
    // The adapter's claim of this id met the outage.
    await expectEventually(
      () => expect(proxy.refused.some(({ args }) => isKeyOf(args, message.id))).toBe(true),
      {
        timeoutMs: 20_000,
      },
    );
    proxy.up();

    await expectEventually(async () => expect(await copiesAtRp(message.id)).toBe(1), { timeoutMs: 30_000 });
    await barrierAfter(message);
  });

  it('does not forward twice a submission whose dedupe completion met the outage after forwarding', async () => {
    const message = personWanted({ recipients: ['RP'] });
    const completion = (args: readonly string[]) =>
      isKeyOf(args, message.id) && args[2]?.startsWith('done:') === true;
    proxy.downWhen(completion);

    await gateway.platform('NP-ML').submit(message);
    await expectEventually(async () => expect(await copiesAtRp(message.id)).toBe(1), { timeoutMs: 20_000 });
    // The completion was cut before it reached Redis, and refused when the client sent it again.
    await expectEventually(() => expect(proxy.refused.some(({ args }) => completion(args))).toBe(true), {
      timeoutMs: 20_000,
    });
    proxy.up();

    // Completed at last, by the retry, without a second forward.
    const key = `${gateway.config.redis.keyPrefix}:dedupe:submissions:${message.id}`;
    await expectEventually(async () => expect(await redis.get(key)).toMatch(/^done:/), { timeoutMs: 30_000 });
    await barrierAfter(message);
  });
});

/** A command on the submissions dedupe key of `id`. */
function isKeyOf(args: readonly string[], id: string): boolean {
  return args[1]?.endsWith(`:dedupe:submissions:${id}`) === true;
}
