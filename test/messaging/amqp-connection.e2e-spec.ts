import {
  AmqpConnection,
  DeadLetterHeader,
  gatewayTopology,
  MessagingError,
  MessagingErrorCode,
  Outcome,
  QueueStats,
  type AmqpMessage,
  type ConsumerOutcome,
} from '@pcms/messaging';
import { AMQP_URL, deleteTopology, gate, recordingLogger } from '../support/broker';
import { expectEventually } from '../support/expect-eventually';
import { uniqueNamespace } from '../support/unique-namespace';

const topology = gatewayTopology(uniqueNamespace(__filename));
const signed = { 'pcms-signature': 'c2lnbmF0dXJl' };

describe(AmqpConnection.name, () => {
  let sut: AmqpConnection;
  let stats: QueueStats;

  beforeAll(async () => {
    sut = await AmqpConnection.connect(AMQP_URL, {
      topology: topology.declaration,
      connectionName: 'pcms-test-amqp-connection',
      logger: recordingLogger(),
    });
    stats = new QueueStats(sut, topology.declaration.deadLetterQueue);
  });

  afterAll(async () => {
    await sut.close();
    await deleteTopology(topology.declaration);
  });

  const depth = async (queue: string): Promise<number> => (await stats.queueDepths([queue]))[0].messageCount;

  it('publishes with a confirm, then delivers body, headers and id to a consumer', async () => {
    const received: AmqpMessage[] = [];
    const consumer = await sut.consume(topology.queues.adapterSubmissions.name, (message) => {
      received.push(message);
      return Outcome.ack();
    });

    await sut.publish(topology.routes.submit('NP-ML'), Buffer.from('{"id":"1"}'), {
      headers: signed,
      messageId: 'msg-1',
    });

    const [message] = await expectEventually(() => {
      expect(received).toHaveLength(1);
      return received;
    });
    expect(message.body.toString()).toBe('{"id":"1"}');
    expect(message.headers).toEqual(signed);
    expect(message).toMatchObject({ routingKey: 'submit.NP-ML', messageId: 'msg-1', redelivered: false });
    await consumer.cancel();
    expect(await depth(topology.queues.adapterSubmissions.name)).toBe(0);
  });

  it('rejects a publish that no queue is bound for', async () => {
    const unroutable = { ...topology.routes.platform('RP'), routingKey: 'NOBODY' };

    const publishing = sut.publish(unroutable, Buffer.from('x'), { headers: signed });

    await expect(publishing).rejects.toMatchObject({ code: MessagingErrorCode.UNROUTABLE });
    await expect(publishing).rejects.toBeInstanceOf(MessagingError);
  });

  it('dead-letters with the reason headers when the handler says so, then serves the next message', async () => {
    const queue = topology.queues.platforms['NP-TD'].name;
    const seen: string[] = [];
    const consumer = await sut.consume(queue, (message): ConsumerOutcome => {
      const text = message.body.toString();
      seen.push(text);
      if (text === 'bad') throw new TypeError('cannot read the envelope');
      if (text === 'refused')
        return Outcome.deadLetter('SIGNATURE_INVALID', 'signature does not verify', 'verify');
      return Outcome.ack();
    });

    for (const text of ['refused', 'bad', 'good']) {
      await sut.publish(topology.routes.platform('NP-TD'), Buffer.from(text), {
        headers: signed,
        messageId: text,
      });
    }

    await expectEventually(() => expect(seen).toEqual(['refused', 'bad', 'good']));
    const letters = await expectEventually(async () => {
      const peeked = await stats.peekDeadLetters(10);
      expect(peeked).toHaveLength(2);
      return peeked;
    });
    expect(letters[0]).toMatchObject({
      messageId: 'refused',
      code: 'SIGNATURE_INVALID',
      reason: 'signature does not verify',
      stage: 'verify',
      originalRoutingKey: 'NP-TD',
      originalQueue: queue,
    });
    expect(letters[0].body.toString()).toBe('refused');
    expect(letters[0].headers['pcms-signature']).toBe(signed['pcms-signature']);
    expect(Date.parse(letters[0].failedAt ?? '')).not.toBeNaN();
    expect(letters[1]).toMatchObject({ messageId: 'bad', code: 'UNEXPECTED', stage: queue });
    expect(letters[1].reason).toContain('TypeError');
    expect(letters[1].headers[DeadLetterHeader.failedAt]).toBeDefined();
    // The peek leaves them in place.
    expect(await depth(topology.declaration.deadLetterQueue)).toBe(2);
    expect(await depth(queue)).toBe(0);
    await consumer.cancel();
  });

  it("acks only once the handler's own publish is confirmed, and never when it fails", async () => {
    const source = topology.queues.routerOutbound.name;
    const next = topology.queues.i247Outbound.name;
    const depthOfNextWhenHandlerReturned: number[] = [];
    const consumer = await sut.consume(source, async (message) => {
      const route =
        message.body.toString() === 'unroutable'
          ? { ...topology.routes.platform('RP'), routingKey: 'NOBODY' }
          : topology.routes.interpol('person.wanted');
      await sut.publish(route, message.body, { headers: signed, messageId: message.messageId });
      depthOfNextWhenHandlerReturned.push(await depth(next));
      return Outcome.ack();
    });
    const deadLettersBefore = await depth(topology.declaration.deadLetterQueue);

    await sut.publish(topology.routes.outbound('person.wanted'), Buffer.from('ok'), { headers: signed });
    await sut.publish(topology.routes.outbound('person.wanted'), Buffer.from('unroutable'), {
      headers: signed,
    });

    // The two handlers run concurrently: wait for both, in whichever order they finish.
    await expectEventually(async () => {
      expect(await depth(topology.declaration.deadLetterQueue)).toBe(deadLettersBefore + 1);
      expect(depthOfNextWhenHandlerReturned).toEqual([1]);
    });
    expect(await depth(source)).toBe(0);
    await consumer.cancel();
  });

  it('reports queue depths and consumer counts, and names a missing queue', async () => {
    const queue = topology.queues.routerInbound.name;
    await sut.publish(topology.routes.inbound('person.wanted'), Buffer.from('a'), { headers: signed });

    await expect(stats.queueDepths([queue])).resolves.toEqual([{ queue, messageCount: 1, consumerCount: 0 }]);
    await expect(stats.queueDepths(['no-such-queue-' + queue])).rejects.toMatchObject({
      code: MessagingErrorCode.QUEUE_NOT_FOUND,
    });
  });

  it('on close, lets an in-flight handler finish and acks its message', async () => {
    // prefetch 1: a second message waits in the queue while the first is in the handler. A quorum
    // queue counts a cancelled consumer until its unacked message settles, so the consumer count
    // cannot tell the cancel; the second message, never handed over, does.
    const other = await AmqpConnection.connect(AMQP_URL, {
      topology: topology.declaration,
      prefetch: 1,
      logger: recordingLogger(),
    });
    const release = gate();
    const started = gate();
    const queue = topology.queues.adapterDeliveries.name;
    const handled: string[] = [];
    await other.consume(queue, async (message) => {
      handled.push(message.body.toString());
      started.open();
      await release.opened;
      return Outcome.ack();
    });
    await sut.publish(topology.routes.deliver('NP-NE'), Buffer.from('slow'), { headers: signed });
    await started.opened;
    await sut.publish(topology.routes.deliver('NP-NE'), Buffer.from('second'), { headers: signed });

    let closed = false;
    const closing = other.close().then(() => (closed = true));
    await expectEventually(async () => expect((await stats.queueDepths([queue]))[0].messageCount).toBe(1));
    expect(closed).toBe(false);
    release.open();
    await closing;

    expect(handled).toEqual(['slow']);
    expect(await depth(queue)).toBe(1);
  });
});
