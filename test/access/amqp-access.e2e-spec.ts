// Per-platform RabbitMQ users on the real broker: applied through the management API for this
// file's namespace, then each one tried: its own submission route and queue work, another
// platform's are refused by the broker itself (ACCESS_REFUSED, 403).
import {
  AmqpAccessProvisioner,
  planAmqpAccess,
  RabbitManagementClient,
  type AmqpUserCredential,
  type AmqpUserPlan,
} from '@pcms/access';
import { AmqpConnection, gatewayTopology, type GatewayTopology } from '@pcms/messaging';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import { AMQP_URL, deleteTopology } from '../support/broker';
import { uniqueNamespace } from '../support/unique-namespace';

jest.setTimeout(60_000);

const MANAGEMENT_URL = process.env.PCMS_TEST_RABBITMQ_MANAGEMENT_URL ?? 'http://127.0.0.1:15672';

describe(AmqpAccessProvisioner.name, () => {
  const namespace = uniqueNamespace(__filename).toLowerCase();
  const topology: GatewayTopology = gatewayTopology(namespace);
  const management = new RabbitManagementClient({
    url: MANAGEMENT_URL,
    username: 'guest',
    password: 'guest',
  });
  const sut = new AmqpAccessProvisioner(management);
  let plan: AmqpUserPlan[];
  let credentials: AmqpUserCredential[];
  let admin: AmqpConnection;
  const opened: ChannelModel[] = [];

  beforeAll(async () => {
    admin = await AmqpConnection.connect(AMQP_URL, {
      topology: topology.declaration,
      connectionName: 'pcms-test-access',
    });
    plan = planAmqpAccess({ namespace, vhost: '/' });
    credentials = await sut.apply(plan);
  });

  afterAll(async () => {
    for (const model of opened) await model.close().catch(() => undefined);
    await sut.remove(plan);
    await admin.close();
    await deleteTopology(topology.declaration);
  });

  const connectAs = async (platform: string): Promise<ChannelModel> => {
    const user = credentials.find((c) => c.platform === platform);
    if (!user) throw new Error(`no credentials for ${platform}`);
    const url = new URL(AMQP_URL);
    url.username = encodeURIComponent(user.username);
    url.password = encodeURIComponent(user.password);
    const model = await connect(url.toString());
    model.on('error', () => undefined);
    opened.push(model);
    return model;
  };

  /** Resolves with the error that closed the channel (the broker's channel.close). */
  const closedWith = (channel: Channel): Promise<{ code?: number; message: string }> =>
    new Promise((resolve) => channel.once('error', resolve));

  const takeAll = (queue: string) =>
    admin.withTemporaryChannel(async (channel) => {
      const ids: (string | undefined)[] = [];
      for (
        let m = await channel.get(queue, { noAck: true });
        m;
        m = await channel.get(queue, { noAck: true })
      ) {
        ids.push(m.properties.messageId as string | undefined);
      }
      return ids;
    });

  it('lets NP-ML publish on its own submission route, confirmed by the broker', async () => {
    const model = await connectAs('NP-ML');
    const channel = await model.createConfirmChannel();
    const route = topology.routes.submit('NP-ML');

    channel.publish(route.exchange, route.routingKey, Buffer.from('{}'), { messageId: 'own-route' });
    await channel.waitForConfirms();

    expect(await takeAll(topology.queues.adapterSubmissions.name)).toEqual(['own-route']);
  });

  it('refuses NP-ML publishing on the route of NP-BF: ACCESS_REFUSED closes the channel with 403', async () => {
    const model = await connectAs('NP-ML');
    const channel = await model.createConfirmChannel();
    const closed = closedWith(channel);
    const route = topology.routes.submit('NP-BF');

    channel.publish(route.exchange, route.routingKey, Buffer.from('{}'), { messageId: 'as-another' });
    const error = await closed;

    expect(error.code).toBe(403);
    expect(error.message).toContain('ACCESS_REFUSED');
    expect(await takeAll(topology.queues.adapterSubmissions.name)).toEqual([]);
  });

  it('refuses NP-ML consuming the queue of NP-BF with 403', async () => {
    const model = await connectAs('NP-ML');
    const channel = await model.createChannel();
    const closed = closedWith(channel);

    await expect(channel.consume(topology.queues.platforms['NP-BF'].name, () => undefined)).rejects.toThrow();
    expect(await closed).toMatchObject({ code: 403 });
  });

  it('refuses NP-ML declaring anything with 403', async () => {
    const model = await connectAs('NP-ML');
    const channel = await model.createChannel();
    const closed = closedWith(channel);

    await expect(channel.assertQueue(`${namespace}platform.NP-ML.copy`)).rejects.toThrow();
    expect(await closed).toMatchObject({ code: 403 });
  });

  it('lets NP-ML consume its own queue', async () => {
    const body = Buffer.from('{"for":"NP-ML"}');
    await admin.publish(topology.routes.platform('NP-ML'), body, {
      messageId: 'for-mali',
      headers: { 'pcms-signature': 'c2ln' },
    });
    const model = await connectAs('NP-ML');
    const channel = await model.createChannel();

    const message = await channel.get(topology.queues.platforms['NP-ML'].name, { noAck: true });

    expect(message && message.content).toEqual(body);
  });

  it('applies again to the same state, keeping the passwords it was given', async () => {
    const again = await sut.apply(plan, { known: credentials });

    expect(again).toEqual(credentials);
    const model = await connectAs('RP');
    const channel = await model.createConfirmChannel();
    const route = topology.routes.submit('RP');
    channel.publish(route.exchange, route.routingKey, Buffer.from('{}'), { messageId: 'after-reapply' });
    await channel.waitForConfirms();
    expect(await takeAll(topology.queues.adapterSubmissions.name)).toEqual(['after-reapply']);
  });
});
