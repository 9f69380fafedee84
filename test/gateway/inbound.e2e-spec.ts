// A signed RED notice from the I-24/7-like peer reaches every G5 platform it concerns, and RP.
import type { PlatformId } from '@pcms/envelope';
import type { DeadLetter } from '@pcms/messaging';
import type { ReceivedMessage } from '@pcms/platform-client';
import { SignedHttpError } from '@pcms/signed-http';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expectEventually } from '../support/expect-eventually';
import { RED_MALI_NIGER } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';

jest.setTimeout(60_000);

describe('inbound: I-24/7-like peer → national platforms', () => {
  let gateway: GatewayHarness;
  const received = new Map<PlatformId, ReceivedMessage[]>();

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename);
    await gateway.startAll();
  });

  afterAll(() => gateway.stop());

  async function collect(platform: PlatformId): Promise<ReceivedMessage[]> {
    const messages = [...(received.get(platform) ?? []), ...(await gateway.platform(platform).drain())];
    received.set(platform, messages);
    return messages;
  }

  it('sends a Malian national wanted by Niger to NP-ML, NP-NE and RP once each, signed by the gateway, and not to NP-BF', async () => {
    const response = await gateway.peerSender().sendFile(RED_MALI_NIGER, randomUUID());
    expect(response.status).toBe(202);
    const { messageId } = JSON.parse(response.body) as { messageId: string };

    for (const platform of ['NP-ML', 'NP-NE', 'RP'] as const) {
      const messages = await expectEventually(
        async () => {
          const mine = (await collect(platform)).filter((m) => m.envelope.id === messageId);
          expect(mine).toHaveLength(1);
          return mine;
        },
        { timeoutMs: 20_000 },
      );
      expect(messages[0].signature.signerId).toBe('GATEWAY');
      expect(messages[0].envelope).toMatchObject({
        type: 'person.wanted',
        sender: 'INTERPOL',
        recipients: ['NP-ML', 'NP-NE', 'RP'],
        payload: { subject: { familyName: 'TRAORE', nationalities: ['ML'] } },
      });
    }
    expect(await collect('NP-BF')).toEqual([]);
  });

  it('refuses a notice with a DOCTYPE and quarantines it with the reason', async () => {
    const hostile = readFileSync(RED_MALI_NIGER, 'utf8').replace(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE Notice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    );
    const peerMessageId = randomUUID();

    const refusal = await gateway
      .peerSender()
      .send(Buffer.from(hostile), peerMessageId)
      .catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(SignedHttpError);
    expect(refusal).toMatchObject({ status: 422 });
    const letter = await expectEventually(async () => {
      const found = (await gateway.stats.peekDeadLetters(50)).find(
        (l: DeadLetter) => l.messageId === peerMessageId,
      );
      expect(found).toBeDefined();
      return found as DeadLetter;
    });
    expect(letter).toMatchObject({ code: 'NOTICE_DOCTYPE_FORBIDDEN', stage: 'map' });
  });

  it('refuses a notice signed by someone other than the peer', async () => {
    const notice = readFileSync(RED_MALI_NIGER);
    const impostor = gateway.peerSender(gateway.pki.platforms['NP-BF']);

    const refusal = await impostor.send(notice, randomUUID()).catch((error: unknown) => error);

    expect(refusal).toMatchObject({ status: 403 });
  });
});
