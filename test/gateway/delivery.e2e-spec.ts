// The peer down: notices wait in their delivery jobs and cross when it returns; after the last
// attempt they land in the dead-letter queue with the reason.
import { DeliveryQueue } from '@pcms/delivery';
import type { DeadLetter } from '@pcms/messaging';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';

jest.setTimeout(90_000);

describe('delivery when the peer is down', () => {
  let gateway: GatewayHarness;
  let jobs: DeliveryQueue;

  beforeAll(async () => {
    // Backoff 100 ms doubling over 7 attempts: about 13 s of patience before the dead-letter queue.
    gateway = await GatewayHarness.create(__filename, { attempts: 7, backoffMs: 100 });
    await gateway.startAll();
    jobs = DeliveryQueue.fromConfig(gateway.config);
  });

  afterAll(async () => {
    await jobs.close();
    await gateway.stop();
  });

  it('keeps the notice while the peer is down and delivers it once the peer is back', async () => {
    await gateway.stopPeer();
    const message = personWanted();

    await gateway.platform('NP-ML').submit(message);
    // A failed attempt has happened: the job waits for its next try.
    await expectEventually(async () => expect((await jobs.counts()).delayed).toBe(1), { timeoutMs: 20_000 });
    expect(await gateway.inbox.receipts()).toEqual([]);
    await gateway.startPeer();

    await expectEventually(
      async () => {
        expect((await gateway.inbox.receipts()).map((receipt) => receipt.messageId)).toEqual([message.id]);
      },
      { timeoutMs: 30_000 },
    );
  });

  it('dead-letters the notice with the reason after the last attempt', async () => {
    await gateway.stopPeer();
    const message = personWanted();

    await gateway.platform('NP-ML').submit(message);

    const letter = await expectEventually(
      async () => {
        const found = (await gateway.stats.peekDeadLetters(50)).find(
          (l: DeadLetter) => l.messageId === message.id,
        );
        expect(found).toBeDefined();
        return found as DeadLetter;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(letter).toMatchObject({ code: 'HTTP_CONNECTION_FAILED', stage: 'deliver' });
    expect(letter.reason).toContain('after 7 attempts');
    expect(letter.body.toString('utf8')).toContain('<Notice');
  });
});
