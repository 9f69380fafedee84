// A header must not lie (issue 11, defect 14): every message the gateway's apps put on the internal
// bus (pcms.bus: outbound, interpol, inbound, deliver) or on a platform's queue, and whose
// `pcms-signature` header claims a signature, must verify against its own bytes. A tap queue bound
// to both exchanges sees each message as it was published, while an inbound notice is re-addressed
// by the router and an outbound submission crosses to INTERPOL and RP.
import { PLATFORM_IDS } from '@pcms/envelope';
import { SignatureVerifier } from '@pcms/trust';
import { connect, type ChannelModel } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { AMQP_URL } from '../support/broker';
import { expectEventually } from '../support/expect-eventually';
import { personWanted, RED_MALI_NIGER } from '../support/fixtures';
import { SuiteGateway } from '../support/suite-gateway';

jest.setTimeout(60_000);

interface Tapped {
  exchange: string;
  routingKey: string;
  messageId?: string;
  body: Buffer;
  signature?: string;
}

describe('signatures on the internal bus', () => {
  const suite = SuiteGateway.start(__filename);
  const tapped: Tapped[] = [];
  let model: ChannelModel;

  beforeAll(async () => {
    const { exchanges } = suite.gateway.topology;
    model = await connect(AMQP_URL);
    const channel = await model.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, exchanges.bus.name, '#');
    for (const platform of PLATFORM_IDS) await channel.bindQueue(queue, exchanges.platforms.name, platform);
    await channel.consume(
      queue,
      (message) => {
        if (!message) return;
        const signature: unknown = message.properties.headers?.['pcms-signature'];
        tapped.push({
          exchange: message.fields.exchange,
          routingKey: message.fields.routingKey,
          messageId: message.properties.messageId as string | undefined,
          body: message.content,
          signature: typeof signature === 'string' ? signature : undefined,
        });
      },
      { noAck: true },
    );
  });

  afterAll(async () => {
    await model?.close();
  });

  /** What the tap saw of `messageId` on each hop, once every hop in `hops` has been seen. */
  const hopsOf = (messageId: string, hops: string[]) =>
    expectEventually(
      () => {
        const seen = tapped.filter((message) => message.messageId === messageId);
        expect(seen.map((message) => message.routingKey)).toEqual(expect.arrayContaining(hops));
        return seen;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );

  /** Which signer each hop's header proves, or the trust code that refuses it. */
  const verdicts = (messages: Tapped[]) => {
    const verifier = new SignatureVerifier({ trustAnchorsPem: [suite.gateway.pki.ca.certificatePem] });
    return messages.map(({ routingKey, body, signature }) => {
      try {
        const signer = verifier.verify(body, Buffer.from(signature ?? '', 'base64')).signerId;
        return { routingKey, signer };
      } catch (error: unknown) {
        return { routingKey, refused: (error as { code?: string }).code };
      }
    });
  };

  it('signs what the router re-addressed: each deliver.* copy of an inbound notice verifies, by GATEWAY', async () => {
    const response = await suite.gateway.peerSender().sendFile(RED_MALI_NIGER, randomUUID());
    const { messageId } = JSON.parse(response.body) as { messageId: string };

    const seen = await hopsOf(messageId, [
      'inbound.person.wanted',
      'deliver.NP-ML',
      'deliver.NP-NE',
      'deliver.RP',
      'NP-ML',
      'NP-NE',
      'RP',
    ]);

    expect(verdicts(seen)).toEqual(seen.map(({ routingKey }) => ({ routingKey, signer: 'GATEWAY' })));
    // Signed once for the platforms: each platform's copy carries the router's signature on.
    const routerSigned = seen.filter(({ routingKey }) => routingKey.startsWith('deliver.'));
    const platformCopies = seen.filter(
      ({ exchange }) => exchange === suite.gateway.topology.exchanges.platforms.name,
    );
    expect(platformCopies).toHaveLength(3);
    expect(new Set([...routerSigned, ...platformCopies].map(({ signature }) => signature)).size).toBe(1);
  });

  it('carries the sender’s signature on, still covering its bytes, to INTERPOL and RP', async () => {
    const message = personWanted({ recipients: ['INTERPOL', 'RP'] });
    await suite.gateway.platform('NP-ML').submit(message);

    const seen = await hopsOf(message.id, [
      'outbound.person.wanted',
      'interpol.person.wanted',
      'deliver.RP',
      'RP',
    ]);

    expect(verdicts(seen)).toEqual(
      seen.map(({ routingKey }) => ({ routingKey, signer: routingKey === 'RP' ? 'GATEWAY' : 'NP-ML' })),
    );
  });

  it('saw no message on the bus whose signature header does not verify', () => {
    const claimed = tapped.filter((message) => message.signature !== undefined);

    expect(claimed.length).toBeGreaterThanOrEqual(11);
    expect(verdicts(claimed).filter((verdict) => 'refused' in verdict)).toEqual([]);
  });
});
