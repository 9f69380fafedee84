import { AmqpConnection, gatewayTopology, Outcome, QueueStats } from '@pcms/messaging';
import { AMQP_URL, closeConnectionNamed, deleteTopology, recordingLogger } from '../support/broker';
import { expectEventually } from '../support/expect-eventually';
import { uniqueNamespace } from '../support/unique-namespace';

const namespace = uniqueNamespace(__filename);
const topology = gatewayTopology(namespace);
const connectionName = `pcms-test-${namespace}`;
const signed = { 'pcms-signature': 'c2ln' };

describe(`${AmqpConnection.name} reconnection`, () => {
  const logger = recordingLogger();
  let sut: AmqpConnection;

  beforeAll(async () => {
    sut = await AmqpConnection.connect(AMQP_URL, {
      topology: topology.declaration,
      connectionName,
      reconnectSeconds: 0.2,
      logger,
    });
  });

  afterAll(async () => {
    await sut.close();
    await deleteTopology(topology.declaration);
  });

  it('resumes publishing and consuming after the broker closes the connection', async () => {
    const received: string[] = [];
    await sut.consume(topology.queues.routerInbound.name, (message) => {
      received.push(message.body.toString());
      return Outcome.ack();
    });
    await sut.publish(topology.routes.inbound('person.wanted'), Buffer.from('before'), { headers: signed });
    await expectEventually(() => expect(received).toEqual(['before']));

    // The management API may list a new connection a moment after it opened.
    await expectEventually(async () => expect(await closeConnectionNamed(connectionName)).toBe(true), {
      timeoutMs: 15_000,
      intervalMs: 200,
    });
    await expectEventually(() =>
      expect(logger.lines.map((l) => l.message)).toContain('broker connection lost, reconnecting'),
    );

    await sut.publish(topology.routes.inbound('person.wanted'), Buffer.from('after'), { headers: signed });

    await expectEventually(() => expect(received).toEqual(['before', 'after']), { timeoutMs: 15_000 });
    expect(sut.isConnected).toBe(true);
    const stats = new QueueStats(sut, topology.declaration.deadLetterQueue);
    await expectEventually(async () =>
      expect(await stats.queueDepths([topology.queues.routerInbound.name])).toEqual([
        { queue: topology.queues.routerInbound.name, messageCount: 0, consumerCount: 1 },
      ]),
    );
    // The management API lists connections on its statistics tick (5 s by default).
  }, 30_000);
});
