// Issue 12, build item 3: a national platform reads its queue effectively once. Copies are
// published as the gateway's pcms-adapter publishes them (same bytes, same signature, same AMQP
// message id), so a second publish is the raw duplicate that a SIGKILL between the adapter's
// publish and its ack produces. Every test counts every copy that arrives and every handler call,
// and asserts only after a barrier: with prefetch 1 the platform settles copies in queue order, so
// once the barrier (published last) is handled, every copy before it has had its verdict.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalBytes, type PcmsEnvelope } from '@pcms/envelope';
import { AmqpConnection, gatewayTopology, QueueStats } from '@pcms/messaging';
import {
  HandledMessageStore,
  PlatformClient,
  type PlatformConsumer,
  type PlatformMessageHandler,
  type Refusal,
} from '@pcms/platform-client';
import { X509Certificate } from 'node:crypto';
import { CmsSigner, publishRevocationList, revokeCertificate, TrustErrorCode } from '@pcms/trust';
import { createTestPki, writeTestPki } from '@pcms/trust/testing';
import { AMQP_URL, closeConnectionNamed, deleteTopology, gate, recordingLogger } from '../support/broker';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { uniqueNamespace } from '../support/unique-namespace';

const PLATFORM = 'NP-BF';
const topology = gatewayTopology(uniqueNamespace(__filename));
const pki = createTestPki();
const gatewaySigner = new CmsSigner(pki.gateway);
const platformConnection = `pcms-test-platform-${PLATFORM}@${topology.exchanges.bus.name}`;

interface Platform {
  readonly consumer: PlatformConsumer;
  readonly calls: string[];
  readonly refusals: Refusal[];
  stop(): Promise<void>;
}

describe(PlatformClient.name, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pcms-platform-'));
  let gatewaySide: AmqpConnection;
  const running = new Set<Platform>();

  beforeAll(async () => {
    gatewaySide = await AmqpConnection.connect(AMQP_URL, {
      topology: topology.declaration,
      connectionName: `pcms-test-gateway-side@${topology.exchanges.bus.name}`,
      logger: recordingLogger(),
    });
  });

  afterEach(async () => {
    for (const platform of running) await platform.stop();
    running.clear();
  });

  afterAll(async () => {
    await gatewaySide.close();
    await deleteTopology(topology.declaration);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** What the pcms-adapter publishes to a platform's queue: canonical bytes, gateway signature. */
  async function publishAsGateway(envelope: PcmsEnvelope, body = canonicalBytes(envelope)): Promise<void> {
    const signature = gatewaySigner.sign(canonicalBytes(envelope)).toString('base64');
    await gatewaySide.publish(topology.routes.platform(PLATFORM), body, {
      messageId: envelope.id,
      headers: { 'pcms-signature': signature, 'pcms-message-type': envelope.type },
    });
  }

  /**
   * The platform's system as a separate process would run it: its own connection, with no
   * topology (its broker user may configure nothing), its own store file.
   */
  async function startPlatform(
    storeFile: string,
    work: PlatformMessageHandler = () => undefined,
    crlPem?: string,
  ): Promise<Platform> {
    const amqp = await AmqpConnection.connect(AMQP_URL, {
      prefetch: 1,
      connectionName: platformConnection,
      logger: recordingLogger(),
    });
    const store = HandledMessageStore.open(storeFile);
    const client = new PlatformClient(
      PLATFORM,
      pki.platforms[PLATFORM],
      pki.ca.certificatePem,
      amqp,
      topology,
    );
    if (crlPem) client.useRevocationList(crlPem);
    const calls: string[] = [];
    const refusals: Refusal[] = [];
    const consumer = await client.consume({
      store,
      handler: async (message) => {
        calls.push(message.envelope.id);
        await work(message);
      },
      retry: { initialDelayMs: 20, maxDelayMs: 200 },
      onRefused: (refusal) => refusals.push(refusal),
    });
    const platform: Platform = {
      consumer,
      calls,
      refusals,
      stop: async () => {
        running.delete(platform);
        await consumer.stop();
        await amqp.close();
        store.close();
      },
    };
    running.add(platform);
    return platform;
  }

  const storeFile = (name: string): string => join(dataDir, `${name}.sqlite`);
  const handledBarrier = (platform: Platform, barrier: PcmsEnvelope): Promise<void> =>
    expectEventually(() => expect(platform.calls).toContain(barrier.id), { timeoutMs: 15_000 });

  it('hands a message published twice (a raw duplicate) to the handler once', async () => {
    const platform = await startPlatform(storeFile('duplicate'));
    const message = personWanted();
    const barrier = personWanted();

    await publishAsGateway(message);
    await publishAsGateway(message);
    await publishAsGateway(barrier);
    await handledBarrier(platform, barrier);

    expect(platform.calls.filter((id) => id === message.id)).toHaveLength(1);
    expect(platform.consumer.counters).toMatchObject({
      received: 3,
      duplicatesDropped: 1,
      handled: 2,
      signatureFailures: 0,
      handlerFailures: 0,
    });
    const [depth] = await new QueueStats(gatewaySide, '').queueDepths([
      topology.queues.platforms[PLATFORM].name,
    ]);
    expect(depth.messageCount).toBe(0);
  });

  it('still drops a copy of a handled message after the platform restarted on the same store file', async () => {
    const file = storeFile('restart');
    const message = personWanted();
    const before = await startPlatform(file);
    await publishAsGateway(message);
    await expectEventually(() => expect(before.consumer.counters.handled).toBe(1));
    await before.stop();

    // The copy a gateway that died between its publish and its ack sends again, found by a new
    // process: new connection, new counters, nothing in memory but what the store file kept.
    await publishAsGateway(message);
    const barrier = personWanted();
    await publishAsGateway(barrier);
    const after = await startPlatform(file);
    await handledBarrier(after, barrier);

    expect(before.calls).toEqual([message.id]);
    expect(after.calls).toEqual([barrier.id]);
    expect(after.consumer.counters).toMatchObject({ received: 2, duplicatesDropped: 1, handled: 1 });
  });

  it('gives a message whose handler threw back later, and hands it over until it is handled once', async () => {
    const message = personWanted();
    let failuresLeft = 1;
    const platform = await startPlatform(storeFile('throws'), ({ envelope }) => {
      if (envelope.id === message.id && failuresLeft-- > 0) throw new Error('platform database busy');
    });

    await publishAsGateway(message);
    await expectEventually(() => expect(platform.consumer.counters.handled).toBe(1), { timeoutMs: 15_000 });
    // Published only once the message is handled: any further copy of it would come before it.
    const barrier = personWanted();
    await publishAsGateway(barrier);
    await handledBarrier(platform, barrier);

    expect(platform.calls).toEqual([message.id, message.id, barrier.id]);
    expect(platform.consumer.counters).toMatchObject({
      received: 3,
      handlerFailures: 1,
      handled: 2,
      duplicatesDropped: 0,
    });
  });

  it('refuses a tampered body before the handler, dead-letters it, and still takes the genuine copy', async () => {
    const file = storeFile('tampered');
    const platform = await startPlatform(file);
    const message = personWanted();
    const tampered = Buffer.from(canonicalBytes(message).toString('utf8').replace('"NP-ML"', '"NP-NE"'));
    expect(tampered.equals(canonicalBytes(message))).toBe(false);

    await publishAsGateway(message, tampered);
    const barrier = personWanted();
    await publishAsGateway(barrier);
    await handledBarrier(platform, barrier);

    expect(platform.calls).toEqual([barrier.id]);
    expect(platform.consumer.counters).toMatchObject({ received: 2, signatureFailures: 1, handled: 1 });
    expect(platform.refusals).toEqual([
      expect.objectContaining({ messageId: message.id, code: TrustErrorCode.SIGNATURE_INVALID }),
    ]);
    // The broker took the rejected copy through the platform queue's dead-letter exchange.
    const stats = new QueueStats(gatewaySide, topology.declaration.deadLetterQueue);
    const letter = await expectEventually(async () => {
      const found = (await stats.peekDeadLetters(50)).find((l) => l.messageId === message.id);
      expect(found).toBeDefined();
      return found;
    });
    expect(String(letter?.headers['x-death'])).toContain('rejected');
    expect(letter?.body.equals(tampered)).toBe(true);

    // A refusal records no id: the genuine copy that follows is handled.
    await publishAsGateway(message);
    await handledBarrier(platform, message);
    await platform.stop();
    const store = HandledMessageStore.open(file);
    expect(store.refusals()).toEqual([
      expect.objectContaining({ messageId: message.id, code: TrustErrorCode.SIGNATURE_INVALID }),
    ]);
    expect(store.hasHandled(message.id)).toBe(true);
    store.close();
  });

  it('does not acknowledge while the handler has not returned: a dropped connection brings the copy back', async () => {
    const message = personWanted();
    const release = gate();
    const platform = await startPlatform(storeFile('hung'), async ({ envelope }) => {
      if (envelope.id === message.id) await release.opened;
    });
    await publishAsGateway(message);
    await expectEventually(() => expect(platform.calls).toEqual([message.id]));

    // The broker drops the platform's connection while the handler still works: unacknowledged,
    // the copy is delivered again on the new connection, and waits behind the first call.
    await expectEventually(async () => expect(await closeConnectionNamed(platformConnection)).toBe(true), {
      timeoutMs: 15_000,
      intervalMs: 250,
    });
    await expectEventually(() => expect(platform.consumer.counters.received).toBe(2), { timeoutMs: 15_000 });
    expect(platform.calls).toEqual([message.id]);

    release.open();
    const barrier = personWanted();
    await publishAsGateway(barrier);
    await handledBarrier(platform, barrier);
    expect(platform.calls).toEqual([message.id, barrier.id]);
    expect(platform.consumer.counters).toMatchObject({ received: 3, duplicatesDropped: 1, handled: 2 });
  });

  it('refuses a message signed with a gateway certificate on the revocation list the platform follows', async () => {
    const { store: pkiStore } = writeTestPki(join(dataDir, 'pki'));
    const gatewaySerial = new X509Certificate(pki.gateway.certificatePem).serialNumber;
    revokeCertificate(pkiStore, gatewaySerial, 'keyCompromise');
    const { crlPem } = publishRevocationList(pkiStore);
    const platform = await startPlatform(storeFile('revoked'), undefined, crlPem);
    const message = personWanted();

    await publishAsGateway(message);
    await expectEventually(() => expect(platform.consumer.counters.signatureFailures).toBe(1));

    expect(platform.calls).toEqual([]);
    expect(platform.refusals).toEqual([
      expect.objectContaining({ messageId: message.id, code: TrustErrorCode.CERTIFICATE_REVOKED }),
    ]);
  });
});
