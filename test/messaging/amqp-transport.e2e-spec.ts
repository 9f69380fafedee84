import 'reflect-metadata';
import { Controller, Inject, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  AmqpConnection,
  AmqpContext,
  GATEWAY_TOPOLOGY,
  gatewayTopology,
  Outcome,
  QueueStats,
  type AmqpMessage,
  type ConsumerOutcome,
  type GatewayTopology,
} from '@pcms/messaging';
import { AmqpTransport, MessagingModule } from '@pcms/messaging/nest';
import { of, type Observable } from 'rxjs';
import { AMQP_URL, deleteTopology } from '../support/broker';
import { expectEventually } from '../support/expect-eventually';
import { uniqueNamespace } from '../support/unique-namespace';

const namespace = uniqueNamespace(__filename);
const topology = gatewayTopology(namespace);
const signed = { 'pcms-signature': 'c2ln' };
const received: { body: string; queue: string; routingKey: string }[] = [];

@Controller()
class RouterController {
  constructor(@Inject(GATEWAY_TOPOLOGY) private readonly gateway: GatewayTopology) {}

  @MessagePattern('routerOutbound')
  route(@Payload() message: AmqpMessage, @Ctx() context: AmqpContext): Promise<ConsumerOutcome> {
    received.push({
      body: message.body.toString(),
      queue: context.getQueue(),
      routingKey: message.routingKey,
    });
    return Promise.resolve(Outcome.ack());
  }

  @EventPattern('i247Outbound')
  refuse(@Payload() message: AmqpMessage): Observable<ConsumerOutcome> {
    received.push({
      body: message.body.toString(),
      queue: this.gateway.queues.i247Outbound.name,
      routingKey: message.routingKey,
    });
    return of(Outcome.deadLetter('NOT_RELEASABLE', 'classification too high for INTERPOL', 'policy'));
  }
}

@Module({
  imports: [MessagingModule.forRoot({ url: AMQP_URL, namespace, connectionName: 'pcms-test-nest' })],
  controllers: [RouterController],
})
class TestAppModule {}

describe(AmqpTransport.name, () => {
  let app: INestMicroservice;
  let publisher: AmqpConnection;
  let stats: QueueStats;

  beforeAll(async () => {
    app = await NestFactory.createMicroservice(TestAppModule, {
      strategy: new AmqpTransport({ url: AMQP_URL, namespace, prefetch: 8 }),
      logger: false,
    });
    await app.listen();
    publisher = app.get(AmqpConnection);
    stats = app.get(QueueStats);
  });

  afterAll(async () => {
    await app.close();
    await deleteTopology(topology.declaration);
  });

  it('delivers the raw message to the @MessagePattern handler of its queue and acks it', async () => {
    await publisher.publish(topology.routes.outbound('person.wanted'), Buffer.from('{"a":1}'), {
      headers: signed,
    });

    await expectEventually(() =>
      expect(received).toContainEqual({
        body: '{"a":1}',
        queue: topology.queues.routerOutbound.name,
        routingKey: 'outbound.person.wanted',
      }),
    );
    await expectEventually(async () =>
      expect(await stats.queueDepths([topology.queues.routerOutbound.name])).toEqual([
        { queue: topology.queues.routerOutbound.name, messageCount: 0, consumerCount: 1 },
      ]),
    );
  });

  it('dead-letters with the reason an @EventPattern handler returns as an Observable', async () => {
    await publisher.publish(topology.routes.interpol('person.wanted'), Buffer.from('secret'), {
      headers: signed,
      messageId: 'm-2',
    });

    const [letter] = await expectEventually(async () => {
      const letters = await stats.peekDeadLetters(5);
      expect(letters).toHaveLength(1);
      return letters;
    });
    expect(letter).toMatchObject({ messageId: 'm-2', code: 'NOT_RELEASABLE', stage: 'policy' });
    expect(letter.body.toString()).toBe('secret');
  });
});
