// A message that cannot be settled now goes round again after a growing delay, at most the
// delivery limit, then lands in the dead-letter queue saying why (issue 12). The case: a
// submission whose dedupe claim stays `in-progress` (a crashed delivery's claim, 60 s to lapse).
// Every delivery asks Redis for the claim; the PCMS adapter reaches Redis through a proxy that
// records those commands with their time, so the test counts deliveries and measures the delays.
import { RetryHeader } from '@pcms/messaging';
import type { RunningApp } from '@pcms/runtime';
import { Redis } from 'ioredis';
import { startPcmsAdapter } from '../../apps/pcms-adapter/src/pcms-adapter.app';
import { deleteWaitQueues } from '../support/broker';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';
import { startRedisFaultProxy, type RedisFaultProxy } from '../support/redis-fault-proxy';

jest.setTimeout(90_000);

const RETRY = { delaysMs: [100, 300, 900], maxAttempts: 4 };

describe('retries with backoff and a delivery limit', () => {
  let gateway: GatewayHarness;
  let proxy: RedisFaultProxy;
  let redis: Redis;

  beforeAll(async () => {
    proxy = await startRedisFaultProxy();
    gateway = await GatewayHarness.create(__filename);
    redis = new Redis(gateway.config.redis.url);
    await gateway.startAll();
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
    try {
      await gateway.stop();
    } finally {
      // The harness removes its own layout; the wait queues of these delays are this file's.
      await deleteWaitQueues(gateway.config.amqp.namespace, RETRY);
      await redis.quit();
      await proxy.close();
    }
  });

  it('retries a claim that stays in progress with growing delays, then dead-letters it naming the reason', async () => {
    const message = personWanted({ recipients: ['RP'] });
    const key = `${gateway.config.redis.keyPrefix}:dedupe:submissions:${message.id}`;
    // What a delivery that crashed after claiming leaves behind.
    await redis.set(key, 'pending', 'EX', 600);
    const claims = () =>
      proxy.commands.filter(({ args }) => args[0]?.toUpperCase() === 'SET' && args[1] === key);

    await gateway.platform('NP-ML').submit(message);

    const letter = await gateway.deadLetterOf(message.id);
    expect(letter.code).toBe('RETRIES_EXHAUSTED');
    expect(letter.reason).toContain('SUBMISSION_IN_PROGRESS');
    expect(letter.reason).toContain(`after ${RETRY.maxAttempts} deliveries`);
    expect(Number(letter.headers[RetryHeader.attempts])).toBe(RETRY.maxAttempts);

    // A later message crosses: had the first one kept spinning, its claims would go on.
    const barrier = personWanted({ recipients: ['RP'] });
    await gateway.platform('NP-ML').submit(barrier);
    await expectEventually(
      async () =>
        expect((await gateway.platform('RP').drain()).map((m) => m.envelope.id)).toContain(barrier.id),
      { timeoutMs: 20_000 },
    );
    const times = claims().map(({ at }) => at);
    expect(times).toHaveLength(RETRY.maxAttempts);
    const gaps = times.slice(1).map((at, i) => at - times[i]);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(RETRY.delaysMs[i] - 20));
    for (let i = 1; i < gaps.length; i += 1) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]);

    // Operators see the retries and the final refusal.
    const metrics = await gateway.metrics('pcms-adapter');
    expect(metrics).toContain(
      `pcms_messages_retried_total{app="pcms-adapter",code="SUBMISSION_IN_PROGRESS"} ${RETRY.maxAttempts - 1}`,
    );
    expect(metrics).toMatch(
      /pcms_messages_rejected_total\{app="pcms-adapter",code="RETRIES_EXHAUSTED",[^}]*\} 1/,
    );
  });
});
