// A handler that throws: the dead letter carries the thrown error's own code, not a generic one,
// whichever app consumed the message.
import { canonicalBytes } from '@pcms/envelope';
import type { DeadLetter } from '@pcms/messaging';
import { randomUUID } from 'node:crypto';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';

jest.setTimeout(60_000);

describe('errors thrown by queue handlers', () => {
  let gateway: GatewayHarness;

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename);
    await gateway.startAll();
  });

  afterAll(() => gateway.stop());

  it.each([
    ['the router (a microservice)', 'outbound'],
    ['the I-24/7 adapter (HTTPS and queues in one app)', 'interpol'],
  ] as const)(
    'dead-letters an invalid envelope met by %s with the envelope error code',
    async (_app, route) => {
      const messageId = randomUUID();
      const invalid = canonicalBytes({ ...personWanted(), id: messageId, classification: 'TOP SECRET' });

      await gateway.amqp.publish(gateway.topology.routes[route]('person.wanted'), invalid, {
        messageId,
        headers: { 'pcms-signature': '' },
      });

      const letter = await expectEventually(
        async () => {
          const found = (await gateway.stats.peekDeadLetters(50)).find(
            (l: DeadLetter) => l.messageId === messageId,
          );
          expect(found).toBeDefined();
          return found as DeadLetter;
        },
        { timeoutMs: 20_000 },
      );
      expect(letter.code).toBe('ENVELOPE_INVALID');
      expect(letter.reason).toContain('classification');
    },
  );
});
