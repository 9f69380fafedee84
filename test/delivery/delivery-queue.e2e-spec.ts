import Bull from 'bull';
import Redis from 'ioredis';
import {
  DELIVERY_QUEUE_NAME,
  DeliveryQueue,
  httpsNoticeSender,
  type DeliveryFailure,
  type NoticeDeliveryJob,
  type NoticeSender,
} from '@pcms/delivery';
import { SignedHttpErrorCode } from '@pcms/signed-http';
import { createTestPki } from '@pcms/trust/testing';
import { expectEventually } from '../support/expect-eventually';
import { uniqueNamespace } from '../support/unique-namespace';
import { FakePeerServer } from './fake-peer.server';

const REDIS_URL = process.env.PCMS_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ATTEMPTS = 3;

describe(DeliveryQueue.name, () => {
  const pki = createTestPki();
  let prefix: string;
  let sut: DeliveryQueue;
  let peer: FakePeerServer;
  let attempts: number;
  let delivered: NoticeDeliveryJob[];
  let deadLetters: { job: NoticeDeliveryJob; failure: DeliveryFailure }[];

  function job(messageId: string): NoticeDeliveryJob {
    return {
      messageId,
      correlationId: 'c0a80101-0000-4000-8000-000000000001',
      noticeXml: `<Notice id="${messageId}"/>`,
      signatureB64: Buffer.from('signature').toString('base64'),
      mapping: { id: 'person-wanted-to-red-notice', version: '1' },
    };
  }

  function startDelivery(port: number, expectedServerId = 'I247-PEER'): void {
    const https = httpsNoticeSender({
      url: `https://127.0.0.1:${port}/notices`,
      tls: {
        certificatePem: pki.gateway.certificatePem,
        privateKeyPem: pki.gateway.privateKeyPem,
        caPem: pki.ca.certificatePem,
        expectedServerId,
      },
      timeoutMs: 2000,
    });
    const counting: NoticeSender = (notice) => {
      attempts += 1;
      return https(notice);
    };
    sut.process(counting, {
      onDelivered: (notice) => void delivered.push(notice),
      onDeadLetter: (notice, failure) => void deadLetters.push({ job: notice, failure }),
    });
  }

  beforeEach(() => {
    prefix = uniqueNamespace(__filename);
    attempts = 0;
    delivered = [];
    deadLetters = [];
    peer = new FakePeerServer(pki.peer, pki.ca.certificatePem);
    sut = open(ATTEMPTS);
  });

  afterEach(async () => {
    await sut.close();
    await peer.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('delivers a notice once, with its signature and message id', async () => {
    startDelivery(await peer.start());

    await expect(sut.enqueue(job('m-1'))).resolves.toBe('queued');

    await expectEventually(() => expect(delivered).toHaveLength(1));
    expect(peer.received).toEqual([
      { messageId: 'm-1', signatureB64: job('m-1').signatureB64, body: '<Notice id="m-1"/>' },
    ]);
    expect(await sut.counts()).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: 1, failed: 0 });
  });

  it('ignores the same message enqueued again, while delivering and after delivery', async () => {
    peer.answer = () => 'hold';
    startDelivery(await peer.start());

    const first = await sut.enqueue(job('m-dup'));
    await expectEventually(() => expect(peer.received).toHaveLength(1));
    const whileDelivering = await sut.enqueue(job('m-dup'));
    peer.release(202);
    await expectEventually(() => expect(delivered).toHaveLength(1));
    const afterDelivery = await sut.enqueue(job('m-dup'));

    expect([first, whileDelivering, afterDelivery]).toEqual(['queued', 'duplicate', 'duplicate']);
    expect(await sut.counts()).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: 1 });
    expect(peer.received.map((document) => document.messageId)).toEqual(['m-dup']);
  });

  it('keeps only the ids of a delivered job, and still ignores the message enqueued again', async () => {
    startDelivery(await peer.start());
    await sut.enqueue(job('m-kept'));
    await expectEventually(() => expect(delivered).toHaveLength(1));

    const redis = new Redis(REDIS_URL);
    const stored = await redis.hget(`${prefix}:${DELIVERY_QUEUE_NAME}:m-kept`, 'data').finally(() => redis.quit());
    const again = await sut.enqueue(job('m-kept'));

    expect(JSON.parse(stored ?? 'null')).toEqual({
      messageId: 'm-kept',
      correlationId: job('m-kept').correlationId,
      delivered: { status: 202, attempts: 1 },
    });
    expect(again).toBe('duplicate');
    expect(peer.received.map((document) => document.messageId)).toEqual(['m-kept']);
  });

  it('completes a job emptied by its delivery without sending it again', async () => {
    // What a process leaves behind when it stops between emptying the job and bull recording the end.
    const bull = new Bull(DELIVERY_QUEUE_NAME, REDIS_URL, { prefix });
    await bull.add(
      { messageId: 'm-emptied', delivered: { status: 202, attempts: 1 } },
      { jobId: 'm-emptied' },
    );
    await bull.close();
    startDelivery(await peer.start());

    await sut.enqueue(job('m-after'));

    await expectEventually(async () => expect((await sut.counts()).completed).toBe(2));
    expect(peer.received.map((document) => document.messageId)).toEqual(['m-after']);
    expect(delivered.map((notice) => notice.messageId)).toEqual(['m-after']);
  });

  it('makes one job of concurrent enqueues of the same message', async () => {
    startDelivery(await peer.start());

    await Promise.all(Array.from({ length: 5 }, () => sut.enqueue(job('m-race'))));

    await expectEventually(() => expect(delivered).toHaveLength(1));
    expect(await sut.counts()).toMatchObject({ waiting: 0, active: 0, delayed: 0, completed: 1 });
    expect(peer.received).toHaveLength(1);
  });

  it('retries while the peer is down and delivers once it is up', async () => {
    await sut.close();
    sut = open(8);
    const port = await peer.start();
    await peer.stop();
    startDelivery(port);

    await sut.enqueue(job('m-later'));
    await expectEventually(() => expect(attempts).toBeGreaterThanOrEqual(2));
    await peer.start(port);

    await expectEventually(() => expect(delivered).toHaveLength(1), { timeoutMs: 20_000 });
    expect(peer.received).toHaveLength(1);
    expect(deadLetters).toEqual([]);
  });

  it('dead-letters with the code and reason after the last attempt when the peer keeps failing', async () => {
    peer.answer = () => 500;
    startDelivery(await peer.start());

    await sut.enqueue(job('m-500'));

    await expectEventually(() => expect(deadLetters).toHaveLength(1));
    expect(deadLetters[0].job.messageId).toBe('m-500');
    expect(deadLetters[0].failure).toMatchObject({
      code: SignedHttpErrorCode.HTTP_REJECTED,
      status: 500,
      attempts: ATTEMPTS,
      reason: expect.stringContaining('500'),
    });
    expect(peer.received).toHaveLength(ATTEMPTS);
    expect(await sut.counts()).toMatchObject({ failed: 1, delayed: 0, waiting: 0 });
  });

  it('dead-letters a refused notice (400) at once, without retrying', async () => {
    peer.answer = () => 400;
    startDelivery(await peer.start());

    await sut.enqueue(job('m-400'));

    await expectEventually(() => expect(deadLetters).toHaveLength(1));
    expect(deadLetters[0].failure).toMatchObject({
      code: SignedHttpErrorCode.HTTP_REJECTED,
      status: 400,
      attempts: 1,
    });
    expect(await sut.counts()).toMatchObject({ failed: 1, delayed: 0, waiting: 0 });
    expect(peer.received).toHaveLength(1);
  });

  it('queues a dead-lettered message again when it is replayed', async () => {
    peer.answer = (index) => (index === 0 ? 400 : 202);
    startDelivery(await peer.start());
    await sut.enqueue(job('m-replay'));
    await expectEventually(() => expect(deadLetters).toHaveLength(1));

    await expect(sut.enqueue(job('m-replay'))).resolves.toBe('requeued');

    await expectEventually(() => expect(delivered).toHaveLength(1));
    expect(peer.received).toHaveLength(2);
  });

  it('refuses a server with the wrong identity, sending nothing', async () => {
    const impostor = new FakePeerServer(pki.gateway, pki.ca.certificatePem);
    startDelivery(await impostor.start());

    try {
      await sut.enqueue(job('m-impostor'));

      await expectEventually(() => expect(deadLetters).toHaveLength(1));
      expect(deadLetters[0].failure).toMatchObject({
        code: SignedHttpErrorCode.HTTP_SERVER_IDENTITY,
        attempts: 1,
      });
      expect(impostor.received).toEqual([]);
    } finally {
      await impostor.stop();
    }
  });

  it('waits for the notice being delivered when closed', async () => {
    peer.answer = () => 'hold';
    startDelivery(await peer.start());
    await sut.enqueue(job('m-close'));
    await expectEventually(() => expect(peer.received).toHaveLength(1));

    const deliveredWhenClosed = sut.close().then(() => delivered.map((notice) => notice.messageId));
    peer.release(202);

    expect(await deliveredWhenClosed).toEqual(['m-close']);
  });

  function open(attemptsAllowed: number): DeliveryQueue {
    return new DeliveryQueue({
      redisUrl: REDIS_URL,
      keyPrefix: prefix,
      attempts: attemptsAllowed,
      backoffMs: 100,
      retentionSeconds: 3600,
    });
  }
});
