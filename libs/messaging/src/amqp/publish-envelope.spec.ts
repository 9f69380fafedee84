import { gatewayTopology } from '../topology/gateway.topology';
import type { AmqpConnection } from './amqp-connection';
import { publishEnvelope } from './publish-envelope';

describe(publishEnvelope.name, () => {
  const route = gatewayTopology('test').routes.inbound('person.wanted');
  const envelope = {
    id: '7f1c2a4e-0000-4000-8000-000000000001',
    type: 'person.wanted',
    correlationId: 'case-12',
  };
  const body = Buffer.from('{"id":"7f1c2a4e"}');

  function connection() {
    const publish = jest.fn<Promise<void>, Parameters<AmqpConnection['publish']>>(() => Promise.resolve());
    return { sut: { publish } as unknown as AmqpConnection, publish };
  }

  it('publishes the body on the route with the message id and the headers every hop reads', async () => {
    const { sut, publish } = connection();
    await publishEnvelope(sut, route, {
      envelope,
      body,
      signature: Buffer.from([0x30, 0x82]),
      headers: { 'pcms-origin-signer': 'PEER' },
    });
    expect(publish).toHaveBeenCalledWith(route, body, {
      messageId: envelope.id,
      headers: {
        'pcms-signature': 'MII=',
        'pcms-message-type': 'person.wanted',
        'pcms-correlation-id': 'case-12',
        'pcms-origin-signer': 'PEER',
      },
    });
  });

  it('passes a signature already in base64 as it is, and lets no extra header replace the standard ones', async () => {
    const { sut, publish } = connection();
    await publishEnvelope(sut, route, {
      envelope,
      body,
      signature: 'c2lnbmVk',
      headers: { 'pcms-signature': 'forged', 'pcms-message-type': 'other' },
    });
    expect(publish.mock.calls[0][2].headers).toMatchObject({
      'pcms-signature': 'c2lnbmVk',
      'pcms-message-type': 'person.wanted',
    });
  });

  it('fails as the broker does: the caller must not acknowledge its input', async () => {
    const { sut, publish } = connection();
    publish.mockRejectedValueOnce(new Error('PUBLISH_NACKED'));
    await expect(publishEnvelope(sut, route, { envelope, body, signature: 'c2ln' })).rejects.toThrow(
      'PUBLISH_NACKED',
    );
  });
});
