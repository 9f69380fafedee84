// A RabbitMQ node dies under traffic (issue 12, point 2). The cluster is started with
// scripts/rabbitmq-cluster.sh; the gateway gets the three URLs with rabbit2 first, so every one of
// its connections is on rabbit2 (checked), and its queues are quorum queues (the default) with
// their leaders there. While a few hundred messages cross, rabbit2's beam is killed with SIGKILL
// and started again. Every copy is counted where it lands: RP's platform system (a real
// PlatformConsumer: signature checked, ids remembered, ack after its handler) and the I-24/7
// peer's store and receipts. Lost must be 0, and RP's handler must see each message once; raw
// copies (what the at-least-once wire delivered twice) are reported. Then the cluster is stopped
// and the default node must work alone. A cluster that cannot start fails the test with the
// script's own message: nothing is skipped.
import type { PcmsEnvelope } from '@pcms/envelope';
import { AmqpConnection, gatewayTopology, Outcome } from '@pcms/messaging';
import { HandledMessageStore, type PlatformConsumer } from '@pcms/platform-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AMQP_URL, deleteTopology, recordingLogger } from '../support/broker';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';
import { uniqueNamespace } from '../support/unique-namespace';
import { clusterScript, connectionNodes, killNode, startCluster } from './cluster-script';

jest.setTimeout(240_000);

const MESSAGES = 300;
const KILL_AFTER = 100;
const BATCH = 10;

describe('a broker node killed under traffic', () => {
  let urls: string[];
  let gateway: GatewayHarness | undefined;
  let consumer: PlatformConsumer | undefined;
  let store: HandledMessageStore | undefined;
  const storeDir = mkdtempSync(join(tmpdir(), 'pcms-broker-failover-'));
  /** Every message RP's handler was given, in order, copies included. */
  const handled: string[] = [];
  let clusterStopped = false;

  beforeAll(async () => {
    urls = await startCluster();
  });

  afterAll(async () => {
    try {
      await consumer?.stop();
      store?.close();
      await gateway?.stop();
    } finally {
      rmSync(storeDir, { recursive: true, force: true });
      if (!clusterStopped) await clusterScript('stop');
    }
  });

  it('loses nothing and hands RP each message once while rabbit2 is killed and restarted', async () => {
    const [defaultNode, rabbit2, rabbit3] = urls;
    gateway = await GatewayHarness.create(__filename);
    const namespace = gateway.config.amqp.namespace;
    gateway.config.amqp.urls = [rabbit2, rabbit3, defaultNode];
    await gateway.startAll();
    // The management API lists a connection a few seconds after it opened.
    await expectEventually(
      async () => {
        const gatewayConnections = (await connectionNodes(namespace)).filter(({ name }) =>
          name.startsWith('pcms-'),
        );
        expect(gatewayConnections.length).toBeGreaterThanOrEqual(4);
        expect(gatewayConnections.filter(({ node }) => node !== 'rabbit2@localhost')).toEqual([]);
      },
      { timeoutMs: 20_000, intervalMs: 500 },
    );

    store = HandledMessageStore.open(join(storeDir, 'rp-handled.sqlite'));
    consumer = await gateway.platform('RP').consume({
      store,
      handler: ({ envelope }) => void handled.push(envelope.id),
    });

    const sent: PcmsEnvelope[] = [];
    const submitter = gateway.platform('NP-ML');
    let restart: Promise<string> | undefined;
    for (let i = 0; i < MESSAGES; i += BATCH) {
      const batch = Array.from({ length: BATCH }, () => personWanted());
      await Promise.all(batch.map((message) => submitter.submit(message)));
      sent.push(...batch);
      if (sent.length === KILL_AFTER) {
        // Mid-flow: some messages are at RP already, the others in the gateway's queues.
        await expectEventually(() => expect(handled.length).toBeGreaterThan(0), { timeoutMs: 30_000 });
        await killNode('rabbit2');
        restart = clusterScript('start');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await restart;

    // The barrier: the last message sent, once at RP and at the peer, closes the count.
    const ids = sent.map((message) => message.id);
    await expectEventually(
      async () => {
        expect(new Set(handled).size).toBe(MESSAGES);
        const stored = new Set(
          (await gateway!.inbox.receipts()).filter((r) => r.stored === 'new').map((r) => r.messageId),
        );
        expect(ids.filter((id) => !stored.has(id))).toEqual([]);
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    const receipts = await gateway.inbox.receipts();
    const counts = {
      sent: MESSAGES,
      lostAtRp: ids.filter((id) => !handled.includes(id)).length,
      seenTwiceByRpHandler: handled.length - new Set(handled).size,
      rawCopiesAtRp: consumer.counters.received,
      duplicatesDroppedAtRp: consumer.counters.duplicatesDropped,
      lostAtPeer: ids.filter((id) => !receipts.some((r) => r.messageId === id && r.stored === 'new')).length,
      storedTwiceAtPeer:
        receipts.filter((r) => r.stored === 'new').length - new Set(receipts.map((r) => r.messageId)).size,
      rawCopiesAtPeer: receipts.length,
      deadLettered: (await gateway.stats.peekDeadLetters(1000)).filter((l) => ids.includes(l.messageId ?? ''))
        .length,
    };
    console.log(`broker failover / bascule du broker: ${JSON.stringify(counts)}`);
    expect(counts).toMatchObject({
      lostAtRp: 0,
      seenTwiceByRpHandler: 0,
      lostAtPeer: 0,
      storedTwiceAtPeer: 0,
      deadLettered: 0,
    });
  });

  it('stops the cluster, and the default node then works alone', async () => {
    await consumer?.stop();
    consumer = undefined;
    store?.close();
    store = undefined;
    await gateway?.stop();
    gateway = undefined;

    await clusterScript('stop');
    clusterStopped = true;
    expect(await clusterScript('status')).toMatch(/rabbit2@localhost\s+5673\s+no\s+no/);

    const topology = gatewayTopology(uniqueNamespace(__filename));
    const alone = await AmqpConnection.connect(AMQP_URL, {
      topology: topology.declaration,
      logger: recordingLogger(),
    });
    try {
      const received: string[] = [];
      await alone.consume(topology.queues.routerInbound.name, (message) => {
        received.push(message.body.toString());
        return Outcome.ack();
      });
      await alone.publish(topology.routes.inbound('person.wanted'), Buffer.from('alone'), {
        headers: { 'pcms-signature': 'c2lnbmF0dXJl' },
      });
      await expectEventually(() => expect(received).toEqual(['alone']));
    } finally {
      await alone.close();
      await deleteTopology(topology.declaration);
    }
  });
});
