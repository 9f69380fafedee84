import { Socket } from 'node:net';
import { AmqpConnection, gatewayTopology } from '@pcms/messaging';
import { AMQP_URL, deleteTopology, recordingLogger } from '../support/broker';
import { uniqueNamespace } from '../support/unique-namespace';

const topology = gatewayTopology(uniqueNamespace(__filename));

const signed = { 'pcms-signature': 'c2ln' };

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

  // amqplib writes each frame on its own; the connection corks the socket around each pass of
  // amqplib's multiplexer, so the frames made in one tick leave in one system call.
  it('sends the frames of one tick together, in fewer writes than frames', async () => {
    const logger = recordingLogger();
    const sut = await AmqpConnection.connect(AMQP_URL, {
      topology: topology.declaration,
      connectionName: 'pcms-test-frame-writes',
      logger,
    });
    const single = jest.spyOn(Socket.prototype, '_write' as never);
    const vector = jest.spyOn(Socket.prototype, '_writev' as never);
    const publishes = 40;
    try {
      await Promise.all(
        Array.from({ length: publishes }, (_, index) =>
          sut.publish(topology.routes.deliver('RP'), Buffer.from(`{"n":${index}}`), {
            messageId: `frame-writes-${index}`,
            headers: signed,
          }),
        ),
      );
      const writes = single.mock.calls.length + vector.mock.calls.length;
      expect(writes).toBeGreaterThan(0);
      expect(writes).toBeLessThan(publishes / 2);
      expect(logger.lines.filter((line) => line.message.includes('amqplib internals'))).toEqual([]);
    } finally {
      single.mockRestore();
      vector.mockRestore();
      await sut.close();
    }
  });
});
