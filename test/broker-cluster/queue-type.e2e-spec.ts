// Queue types on the default node alone: the gateway declares quorum queues by default, and a
// queue left from before (classic, as the demo's on a machine that ran it) is re-created when
// empty, kept with a warning when it holds messages (never deleted with them), and a queue whose
// other arguments differ stops the connection with a code that says what to do.
import { connect, type Channel, type ChannelModel } from 'amqplib';
import { AmqpConnection, gatewayTopology, MessagingErrorCode, type Topology } from '@pcms/messaging';
import { AMQP_URL, deleteTopology, recordingLogger } from '../support/broker';
import { uniqueNamespace } from '../support/unique-namespace';

/** The queue is of `type` if a passive-equivalent declaration with that type's arguments succeeds. */
async function declaredAs(
  model: ChannelModel,
  queue: string,
  args: Record<string, unknown>,
): Promise<boolean> {
  const channel = await model.createChannel();
  channel.on('error', () => undefined);
  try {
    await channel.assertQueue(queue, { durable: true, arguments: args });
    return true;
  } catch {
    return false;
  } finally {
    await channel.close().catch(() => undefined);
  }
}

describe('queue types (amqp.queueType)', () => {
  const topologies: Topology[] = [];
  let model: ChannelModel;
  let raw: Channel;

  beforeAll(async () => {
    model = await connect(AMQP_URL);
    raw = await model.createChannel();
  });

  afterAll(async () => {
    await model.close();
    for (const topology of topologies) await deleteTopology(topology);
  });

  const fresh = () => {
    const topology = gatewayTopology(uniqueNamespace(__filename));
    topologies.push(topology.declaration);
    return topology;
  };

  it('declares quorum queues by default, wait queues dead-lettering at least once', async () => {
    const topology = fresh();
    const sut = await AmqpConnection.connect(AMQP_URL, {
      topology: topology.declaration,
      logger: recordingLogger(),
    });
    await sut.close();

    const wait = topology.declaration.queues.find((q) => q.messageTtlMs !== undefined)!;
    expect(await declaredAs(model, topology.queues.routerOutbound.name, {})).toBe(false);
    expect(
      await declaredAs(model, wait.name, {
        'x-queue-type': 'quorum',
        'x-dead-letter-exchange': wait.deadLetterExchange,
        'x-message-ttl': wait.messageTtlMs,
        'x-dead-letter-strategy': 'at-least-once',
        'x-overflow': 'reject-publish',
      }),
    ).toBe(true);
    expect(await declaredAs(model, topology.queues.deadLetters.name, { 'x-queue-type': 'quorum' })).toBe(
      true,
    );
  });

  it('re-creates an empty classic queue as quorum, and keeps one holding a message classic, message included', async () => {
    const topology = fresh();
    const { routerOutbound, routerInbound } = topology.queues;
    const classic = (name: string) =>
      raw.assertQueue(name, {
        durable: true,
        arguments: { 'x-dead-letter-exchange': routerOutbound.deadLetterExchange },
      });
    await classic(routerOutbound.name);
    await classic(routerInbound.name);
    raw.sendToQueue(routerInbound.name, Buffer.from('left from an earlier run'), { persistent: true });
    await raw.checkQueue(routerInbound.name);
    const logger = recordingLogger();

    const sut = await AmqpConnection.connect(AMQP_URL, { topology: topology.declaration, logger });
    await sut.close();

    expect(
      await declaredAs(model, routerOutbound.name, {
        'x-queue-type': 'quorum',
        ...quorumDeadLettering(routerOutbound.deadLetterExchange!),
      }),
    ).toBe(true);
    expect((await raw.checkQueue(routerInbound.name)).messageCount).toBe(1);
    expect(
      await declaredAs(model, routerInbound.name, {
        'x-dead-letter-exchange': routerInbound.deadLetterExchange,
      }),
    ).toBe(true);
    const messages = logger.lines.map((line) => line.message);
    expect(messages.filter((m) => m.startsWith('queue re-created as quorum'))).toHaveLength(1);
    expect(messages.filter((m) => m.startsWith('queue kept classic'))).toHaveLength(1);
  });

  it('refuses to start on a queue whose other arguments differ, saying what to do', async () => {
    const topology = fresh();
    const wait = topology.declaration.queues.find((q) => q.messageTtlMs !== undefined)!;
    await raw.assertQueue(wait.name, { durable: true, arguments: { 'x-message-ttl': 1 } });

    const refused = AmqpConnection.connect(AMQP_URL, {
      topology: topology.declaration,
      logger: recordingLogger(),
    });

    await expect(refused).rejects.toMatchObject({
      code: MessagingErrorCode.QUEUE_MISMATCH,
      message: expect.stringContaining(`rabbitmqctl delete_queue ${wait.name} --if-empty`),
    });
  });
});

function quorumDeadLettering(exchange: string): Record<string, string> {
  return {
    'x-dead-letter-exchange': exchange,
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
  };
}
