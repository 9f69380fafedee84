// The HTTPS doors under an infrastructure fault (issue 12, item 4): Redis gone or the broker
// blocking its connections is no verdict on a request. A door answers 503 GATEWAY_UNAVAILABLE with
// Retry-After, never 500, takes nothing, and the same bytes sent again once the fault is over cross
// once. Redis is reached through a proxy the test turns down and up; the broker's block is the
// real connection's 'blocked' event (no real memory alarm on the shared broker).
import { canonicalBytes, type PcmsEnvelope } from '@pcms/envelope';
import { AmqpConnection } from '@pcms/messaging';
import type { RunningApp } from '@pcms/runtime';
import { SignedHttpHeader } from '@pcms/signed-http';
import { CmsSigner } from '@pcms/trust';
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { startI247Adapter } from '../../apps/i247-adapter/src/i247-adapter.app';
import { startPcmsAdapter } from '../../apps/pcms-adapter/src/pcms-adapter.app';
import { expectEventually } from '../support/expect-eventually';
import { personWanted, RED_MALI_NIGER } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';
import { httpsCall, type HttpsAnswer } from '../support/https-request';
import { startRedisFaultProxy, type RedisFaultProxy } from '../support/redis-fault-proxy';

jest.setTimeout(90_000);

describe('the HTTPS doors while Redis or the broker cannot serve', () => {
  let gateway: GatewayHarness;
  let proxy: RedisFaultProxy;
  let apps: Map<string, RunningApp>;
  const seen: string[] = [];

  beforeAll(async () => {
    proxy = await startRedisFaultProxy();
    gateway = await GatewayHarness.create(__filename);
    await gateway.startAll();
    // Both adapters reach Redis through the proxy: the outage is met at the doors.
    apps = (gateway as unknown as { apps: Map<string, RunningApp> }).apps;
    const throughProxy = { ...gateway.config.redis, url: proxy.url };
    await apps.get('pcms-adapter')?.close();
    apps.set('pcms-adapter', await startPcmsAdapter({ ...gateway.config, redis: throughProxy }));
    await apps.get('i247-adapter')?.close();
    const adapter = await startI247Adapter({
      ...gateway.config,
      redis: throughProxy,
      i247Adapter: { ...gateway.config.i247Adapter, peerUrl: `${gateway.appUrl('i247-peer')}/notices` },
    });
    apps.set('i247-adapter', adapter);
  });

  afterAll(async () => {
    proxy.up();
    try {
      await gateway.stop();
    } finally {
      await proxy.close();
    }
  });

  const submit = (envelope: PcmsEnvelope): Promise<HttpsAnswer> => {
    const body = canonicalBytes(envelope);
    return httpsCall({
      url: `${gateway.appUrl('pcms-adapter')}/submissions`,
      method: 'POST',
      credential: gateway.pki.platforms['NP-ML'],
      caPem: gateway.pki.ca.certificatePem,
      body,
      headers: {
        'x-pcms-signature': new CmsSigner(gateway.pki.platforms['NP-ML']).sign(body).toString('base64'),
      },
    });
  };

  /** The peer's POST, as PeerSender makes it, answered with its headers. */
  const sendNotice = (xml: Buffer, peerMessageId: string): Promise<HttpsAnswer> =>
    httpsCall({
      url: `${gateway.appUrl('i247-adapter')}/inbound/notices`,
      method: 'POST',
      credential: gateway.pki.peer,
      caPem: gateway.pki.ca.certificatePem,
      body: xml,
      headers: {
        'content-type': 'application/xml',
        [SignedHttpHeader.SIGNATURE]: new CmsSigner(gateway.pki.peer).sign(xml).toString('base64'),
        [SignedHttpHeader.MESSAGE_ID]: peerMessageId,
      },
    });

  /** Everything RP's queue received so far, kept across drains, so that a second copy is counted. */
  async function copiesAtRp(id: string): Promise<number> {
    seen.push(...(await gateway.platform('RP').drain()).map((m) => m.envelope.id));
    return seen.filter((seenId) => seenId === id).length;
  }

  /** Once at RP, checked after a later message that must arrive after any second copy. */
  async function deliveredOnce(id: string): Promise<void> {
    await expectEventually(async () => expect(await copiesAtRp(id)).toBe(1), { timeoutMs: 30_000 });
    const barrier = personWanted({ recipients: ['RP'] });
    await gateway.platform('NP-ML').submit(barrier);
    await expectEventually(async () => expect(await copiesAtRp(barrier.id)).toBe(1), { timeoutMs: 20_000 });
    expect(await copiesAtRp(id)).toBe(1);
  }

  /** The real amqplib connection under an app's broker connection, where RabbitMQ's alarms arrive. */
  function brokerConnectionOf(app: string): EventEmitter {
    const amqp = apps.get(app)?.get?.(AmqpConnection);
    const manager = (amqp as unknown as { manager: { connection?: EventEmitter } } | undefined)?.manager;
    if (!manager?.connection) throw new Error(`${app} has no open broker connection`);
    return manager.connection;
  }

  function expectUnavailable(answer: HttpsAnswer): void {
    expect({ status: answer.status, retryAfter: answer.retryAfter }).toEqual({
      status: 503,
      retryAfter: '5',
    });
    expect(answer.json).toMatchObject({ code: 'GATEWAY_UNAVAILABLE', reason: expect.any(String) });
  }

  it('answers the peer 503 with Retry-After while Redis is down, then 202 and one copy when it is back', async () => {
    const xml = readFileSync(RED_MALI_NIGER);
    const peerMessageId = randomUUID();
    proxy.down();

    expectUnavailable(await sendNotice(xml, peerMessageId));
    proxy.up();

    // The peer sends the same bytes again, as Retry-After told it; the client reconnects meanwhile.
    const accepted = await expectEventually(
      async () => {
        const answer = await sendNotice(xml, peerMessageId);
        expect(answer.status).toBe(202);
        return answer;
      },
      { timeoutMs: 20_000 },
    );
    await deliveredOnce((accepted.json as { messageId: string }).messageId);
  });

  it('takes a platform submission while Redis is down (its door needs only the broker) and delivers it once after', async () => {
    const message = personWanted({ recipients: ['RP'] });
    proxy.down();
    expect((await submit(message)).status).toBe(202);
    // The submission stages met the outage (its dedupe claim was refused) before Redis came back.
    await expectEventually(
      () => expect(proxy.refused.some(({ args }) => args[1]?.endsWith(`:${message.id}`))).toBe(true),
      { timeoutMs: 20_000 },
    );
    proxy.up();
    await deliveredOnce(message.id);
  });

  it('answers both doors 503 with Retry-After at once while the broker blocks the connection, and takes the same bytes after', async () => {
    const message = personWanted({ recipients: ['RP'] });
    const xml = readFileSync(RED_MALI_NIGER);
    const peerMessageId = randomUUID();
    brokerConnectionOf('pcms-adapter').emit('blocked', 'low on memory');
    brokerConnectionOf('i247-adapter').emit('blocked', 'low on disk');

    const started = Date.now();
    expectUnavailable(await submit(message));
    expectUnavailable(await sendNotice(xml, peerMessageId));
    // At once: not after a publish timeout (30 s).
    expect(Date.now() - started).toBeLessThan(5_000);

    brokerConnectionOf('pcms-adapter').emit('unblocked');
    brokerConnectionOf('i247-adapter').emit('unblocked');
    expect((await submit(message)).status).toBe(202);
    const notice = await sendNotice(xml, peerMessageId);
    // The notice of the first test again: the gateway already handed it on.
    expect(notice.status).toBe(200);
    await deliveredOnce(message.id);
  });
});
