import { Socket } from 'node:net';
import { AmqpConnection, gatewayTopology } from '@pcms/messaging';
import { AMQP_URL, deleteTopology, recordingLogger } from '../support/broker';
import { uniqueNamespace } from '../support/unique-namespace';

const topology = gatewayTopology(uniqueNamespace(__filename));

describe(`${AmqpConnection.name} socket`, () => {
  afterAll(async () => {
    await deleteTopology(topology.declaration);
  });

  // Every hop waits for a publisher confirm: with Nagle's algorithm on, a small publish waits for
  // the broker's delayed ACK (about 40 ms) before it leaves, which dominated the latency of a hop.
  it('turns Nagle off on the broker socket', async () => {
    const setNoDelay = jest.spyOn(Socket.prototype, 'setNoDelay');
    const sut = await AmqpConnection.connect(AMQP_URL, {
      topology: topology.declaration,
      connectionName: 'pcms-test-socket-options',
      logger: recordingLogger(),
    });
    try {
      expect(setNoDelay).toHaveBeenCalled();
      expect(setNoDelay.mock.calls.every(([enabled]) => enabled === true)).toBe(true);
    } finally {
      setNoDelay.mockRestore();
      await sut.close();
    }
  });
});
