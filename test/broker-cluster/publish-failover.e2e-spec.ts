// A publish whose connection dies before its confirm arrives is sent again on the next broker
// address and resolves on that confirm (issue 12, point 2). The first address is a proxy in front
// of the default node that the test makes swallow the broker's answers (the confirm is lost) and
// then cuts, as a node killed right after taking the message looks to the client; the second is
// the default node itself. No cluster is needed: the failover is the client's.
import { AmqpConnection, gatewayTopology, Outcome } from '@pcms/messaging';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { AMQP_URL, deleteTopology, recordingLogger } from '../support/broker';
import { expectEventually } from '../support/expect-eventually';
import { uniqueNamespace } from '../support/unique-namespace';

interface SwallowingProxy {
  readonly url: string;
  /** The broker's bytes stop reaching the client (confirms included); the client's still go. */
  swallow(): void;
  /** Every connection is cut, and the proxy refuses new ones. */
  cut(): void;
  close(): Promise<void>;
}

async function startSwallowingProxy(): Promise<SwallowingProxy> {
  const target = new URL(AMQP_URL);
  const sockets = new Set<Socket>();
  let swallowing = false;
  let refusing = false;
  const server: Server = createServer((client) => {
    if (refusing) return void client.destroy();
    const upstream = tcpConnect({ host: target.hostname, port: Number(target.port || 5672) });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (!swallowing) client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `amqp://${target.username}:${target.password}@127.0.0.1:${port}`,
    swallow: () => (swallowing = true),
    cut: () => {
      refusing = true;
      for (const socket of sockets) socket.destroy();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('a publish interrupted by the loss of its connection', () => {
  const topology = gatewayTopology(uniqueNamespace(__filename));
  let proxy: SwallowingProxy;
  let sut: AmqpConnection;

  beforeAll(async () => {
    proxy = await startSwallowingProxy();
  });

  afterAll(async () => {
    await sut?.close();
    await proxy.close();
    await deleteTopology(topology.declaration);
  });

  it('is sent again on the next broker address and resolves on its confirm', async () => {
    const logger = recordingLogger();
    sut = await AmqpConnection.connect([proxy.url, AMQP_URL], {
      topology: topology.declaration,
      logger,
      publishTimeoutMs: 20_000,
    });
    expect(sut.brokerUrl).toContain(new URL(proxy.url).port);

    proxy.swallow();
    const publishing = sut.publish(topology.routes.inbound('person.wanted'), Buffer.from('in flight'), {
      headers: { 'pcms-signature': 'c2lnbmF0dXJl' },
      messageId: 'in-flight-1',
    });
    let settled: 'resolved' | 'rejected' | undefined;
    publishing.then(
      () => (settled = 'resolved'),
      () => (settled = 'rejected'),
    );
    // The broker has it (the client's bytes still pass); its confirm is swallowed.
    const received: string[] = [];
    const reader = await AmqpConnection.connect(AMQP_URL, {
      topology: topology.declaration,
      logger: recordingLogger(),
    });
    try {
      await reader.consume(topology.queues.routerInbound.name, (message) => {
        received.push(message.messageId ?? '');
        return Outcome.ack();
      });
      await expectEventually(() => expect(received).toEqual(['in-flight-1']));
      expect(settled).toBeUndefined();

      proxy.cut();
      await publishing;

      expect(sut.brokerUrl).toContain(new URL(AMQP_URL).port);
      expect(logger.lines.map((line) => line.message)).toContain(
        'publish interrupted by a lost connection, sending again / publication interrompue, renvoi',
      );
      // At least once: the copy sent again is the second; the first was already taken.
      await expectEventually(() => expect(received).toEqual(['in-flight-1', 'in-flight-1']));
    } finally {
      await reader.close();
    }
  });
});
