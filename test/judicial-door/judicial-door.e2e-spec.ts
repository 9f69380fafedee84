// The judicial adapter's door on the real broker, Redis and journal (issue 15): an authority's
// signed request is taken (202, stored SUBMITTED, journaled, handed on to judicial.route), the same
// bytes again are a duplicate (200, stored and handed on once), a status of the requested side
// moves it; every refusal answers its code and leaves a dead letter with it; an outage of the broker
// or Redis answers 503 with Retry-After, is no refusal, and the same message is taken afterwards.
import {
  contactMessage,
  requestMessage,
  statusMessage,
  type JudicialMessage,
  type JudicialRequest,
} from '@pcms/judicial';
import { AmqpConnection } from '@pcms/messaging';
import { REDIS } from '@pcms/runtime';
import { CmsSigner } from '@pcms/trust';
import type { Redis } from 'ioredis';
import { createHash, randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectEventually } from '../support/expect-eventually';
import { PROJECT_ROOT } from '../support/harness-config';
import { JudicialGateway } from '../support/judicial-gateway';
import { startRedisFaultProxy, type RedisFaultProxy } from '../support/redis-fault-proxy';
import { AttachmentFilesStandIn } from './attachment-files.stand-in';

jest.setTimeout(90_000);

const FIXTURE = join(PROJECT_ROOT, 'libs/judicial/fixtures/requests/ok/mla-mali-to-niger.json');

/** Mali's central authority asks Niger's for assistance: a fresh request id each time. */
function mlaRequest(changes: Partial<Record<keyof JudicialRequest, unknown>> = {}): JudicialRequest {
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as JudicialRequest;
  return { ...fixture, requestId: randomUUID(), ...changes } as JudicialRequest;
}

interface Copy {
  routingKey: string;
  messageId: string | undefined;
  headers: Record<string, unknown>;
  body: Buffer;
}

describe('the judicial door', () => {
  let gateway: JudicialGateway;
  let proxy: RedisFaultProxy;
  /** Mali's system (the default endpoint's origin), where its attachments are fetched. */
  let files: AttachmentFilesStandIn;
  /** A queue of the test's, bound like judicial.route: what the door handed on, whoever consumes it. */
  let tap: string;
  const copies: Copy[] = [];

  beforeAll(async () => {
    proxy = await startRedisFaultProxy();
    files = await AttachmentFilesStandIn.start();
    // The adapter reaches Redis through the proxy: the outage is met at the door.
    gateway = await JudicialGateway.start(__filename, (config) => ({
      ...config,
      redis: { ...config.redis, url: proxy.url },
      // No authority's system listens here: deliveries are queued, not sent (the door is the subject).
      judicialAdapter: {
        ...config.judicialAdapter,
        delivery: { ...config.judicialAdapter.delivery, enabled: false },
        defaultEndpoint: `${files.origin}/judicial/messages`,
      },
    }));
    files.trust(gateway.harness.pki.ca);
    const { amqp, topology, config } = gateway.harness;
    tap = `${config.amqp.namespace}test.judicial-tap`;
    await amqp.withTemporaryChannel(async (channel) => {
      await channel.assertQueue(tap, { durable: false });
      await channel.bindQueue(tap, topology.exchanges.bus.name, 'judicial.#');
    });
  });

  afterAll(async () => {
    proxy.up();
    try {
      await gateway.harness.amqp.withTemporaryChannel((channel) => channel.deleteQueue(tap));
      await gateway.stop();
    } finally {
      await proxy.close();
      await files.close();
    }
  });

  /** Every copy handed on so far (the tap's messages are taken once, kept here). */
  async function handedOn(): Promise<Copy[]> {
    await gateway.harness.amqp.withTemporaryChannel(async (channel) => {
      for (;;) {
        const message = await channel.get(tap, { noAck: true });
        if (message === false) return;
        copies.push({
          routingKey: message.fields.routingKey,
          messageId: message.properties.messageId as string | undefined,
          headers: message.properties.headers ?? {},
          body: message.content,
        });
      }
    });
    return copies;
  }

  async function copiesOf(messageId: string): Promise<Copy[]> {
    return (await handedOn()).filter((copy) => copy.messageId === messageId);
  }

  /** Waits for the barrier's copy, then counts `messageId`'s: what was handed on before it is there. */
  async function copiesBefore(barrier: string, messageId: string): Promise<number> {
    await expectEventually(async () => expect(await copiesOf(barrier)).toHaveLength(1), {
      timeoutMs: 10_000,
    });
    return (await copiesOf(messageId)).length;
  }

  async function stagesOf(messageId: string): Promise<string[]> {
    const journal = await gateway.harness.journal();
    return (await journal.trace(messageId)).map((entry) => entry.stage);
  }

  async function accepted(message: JudicialMessage): Promise<void> {
    const answer = await gateway.send(message);
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 202,
      body: { messageId: message.id, receipt: 'accepted' },
    });
  }

  it('takes a request from its requesting authority: 202, stored SUBMITTED, journaled, handed on with its signature, receipt accepted', async () => {
    const request = mlaRequest();
    const message = requestMessage(request);

    await accepted(message);

    const stored = await (await gateway.store()).find(request.requestId);
    expect(stored?.state).toBe('SUBMITTED');
    expect(stored?.history.map((move) => [move.from, move.to, move.authority, move.at])).toEqual([
      ['DRAFT', 'SUBMITTED', 'ML-CA', message.sentAt],
    ]);
    expect(stored?.receipts).toContainEqual(
      expect.objectContaining({ messageId: message.id, evidence: 'accepted', issuer: 'GATEWAY' }),
    );
    await expectEventually(async () =>
      expect(await stagesOf(message.id)).toEqual(expect.arrayContaining(['received', 'verified', 'stored'])),
    );
    const journal = await gateway.harness.journal();
    const trace = await journal.trace(message.id);
    expect(
      trace.filter((e) => ['received', 'verified', 'stored'].includes(e.stage)).map((e) => e.correlationId),
    ).toEqual([request.requestId, request.requestId, request.requestId]);
    await expectEventually(async () => expect(await copiesOf(message.id)).toHaveLength(1));
    const [copy] = await copiesOf(message.id);
    expect(copy.routingKey).toBe('judicial.request');
    expect(JSON.parse(copy.body.toString('utf8'))).toEqual(JSON.parse(JSON.stringify(message)));
    expect(copy.headers).toMatchObject({
      'pcms-signature': expect.any(String),
      'pcms-message-type': 'judicial.request',
      'pcms-judicial-from': 'ML-CA',
      'pcms-correlation-id': request.requestId,
    });
  });

  it('answers the same message again 200 duplicate: stored once, handed on once; a status of the requested side moves it', async () => {
    const request = mlaRequest();
    const message = requestMessage(request);
    await accepted(message);

    const again = await gateway.send(message);

    expect({ status: again.status, body: again.body }).toEqual({
      status: 200,
      body: { duplicate: true, messageId: message.id },
    });
    const received = statusMessage({ requestId: request.requestId, status: 'RECEIVED', authority: 'NE-CA' });
    await accepted(received);
    expect(await copiesBefore(received.id, message.id)).toBe(1);
    const store = await gateway.store();
    const stored = await store.find(request.requestId);
    expect(stored?.state).toBe('RECEIVED');
    expect(stored?.history.map((move) => move.to)).toEqual(['SUBMITTED', 'RECEIVED']);
    expect((await store.list()).filter((r) => r.requestId === request.requestId)).toHaveLength(1);
    await expectEventually(async () => expect(await stagesOf(received.id)).toContain('moved'));
    await expectEventually(async () => expect(await stagesOf(message.id)).toContain('deduplicated'));
  });

  it('takes a request whose attachment is the file Mali’s system serves', async () => {
    const bytes = Buffer.from('ordonnance de commission rogatoire internationale');
    const uri = files.serve(`/judicial/attachments/ML-CA/${randomUUID()}.txt`, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');

    await accepted(requestMessage(mlaRequest({ attachments: [{ uri, sha256, title: 'ordonnance' }] })));
  });

  it('takes a WACAP contact from Ghana’s focal point to Mali’s', async () => {
    const contact = contactMessage({
      from: 'GH-WACAP-PROS',
      to: 'ML-WACAP-PROS',
      subject: 'Entraide : saisie de bétail à Ménaka',
      text: 'Pouvons-nous échanger avant la demande formelle ?',
    });

    await accepted(contact);

    await expectEventually(async () => expect(await copiesOf(contact.id)).toHaveLength(1));
  });

  describe('refuses, with its code, and quarantines with its reason', () => {
    /** A request already taken, for the statuses below. */
    let requestId: string;

    beforeAll(async () => {
      const request = mlaRequest();
      requestId = request.requestId;
      await accepted(requestMessage(request));
    });

    async function expectRefused(
      answer: { status: number; body: unknown },
      messageId: string,
      expected: { status: number; code: string },
    ): Promise<void> {
      expect({ status: answer.status, code: (answer.body as { code?: string }).code }).toEqual(expected);
      expect((answer.body as { reason?: string }).reason).toEqual(expect.stringContaining(' / '));
      const letter = await gateway.harness.deadLetterOf(messageId);
      expect({ code: letter.code, queue: letter.originalQueue }).toEqual({
        code: expected.code,
        queue: 'judicial-adapter.https',
      });
      expect(letter.reason).toBeTruthy();
      await expectEventually(async () =>
        expect(await stagesOf(messageId)).toEqual(expect.arrayContaining(['rejected', 'dead-lettered'])),
      );
    }

    it('a platform’s certificate: 403 JUDICIAL_CLIENT_NOT_AUTHORITY', async () => {
      const message = requestMessage(mlaRequest(), 'NP-ML');
      const answer = await gateway.send(message, gateway.harness.pki.credential('NP-ML'));
      await expectRefused(answer, message.id, { status: 403, code: 'JUDICIAL_CLIENT_NOT_AUTHORITY' });
    });

    it('a message from another authority than the certificate’s: 403 JUDICIAL_SENDER_MISMATCH', async () => {
      const message = requestMessage(mlaRequest(), 'NE-CA');
      const answer = await gateway.send(message, gateway.authority('ML-CA'));
      await expectRefused(answer, message.id, { status: 403, code: 'JUDICIAL_SENDER_MISMATCH' });
    });

    it('a signature over other bytes: 400 SIGNATURE_INVALID', async () => {
      const message = requestMessage(mlaRequest());
      const body = Buffer.from(JSON.stringify(message));
      const credential = gateway.authority('ML-CA');
      const answer = await gateway.post({
        body,
        credential,
        messageId: message.id,
        signature: new CmsSigner(credential).sign(Buffer.from(`${body.toString()} `)),
      });
      await expectRefused({ status: answer.status, body: answer.json }, message.id, {
        status: 400,
        code: 'SIGNATURE_INVALID',
      });
    });

    it('a body past limits.maxMessageBytes: 413 JUDICIAL_MESSAGE_TOO_LARGE, recorded by size, the body not kept', async () => {
      const message = requestMessage(mlaRequest());
      const body = Buffer.alloc(gateway.config.limits.maxMessageBytes + 1, 0x20);
      const answer = await gateway.post({
        body,
        credential: gateway.authority('ML-CA'),
        messageId: message.id,
      });
      await expectRefused({ status: answer.status, body: answer.json }, message.id, {
        status: 413,
        code: 'JUDICIAL_MESSAGE_TOO_LARGE',
      });
      const letter = await gateway.harness.deadLetterOf(message.id);
      expect({ kept: letter.body.length, recorded: letter.headers['x-pcms-body-bytes'] }).toEqual({
        kept: 0,
        recorded: body.length,
      });
    });

    it('a request to an authority the directory does not list: 422 JUDICIAL_AUTHORITY_UNKNOWN', async () => {
      const message = requestMessage(mlaRequest({ requested: { authority: 'NE-NOBODY' } }));
      const answer = await gateway.send(message);
      await expectRefused(answer, message.id, { status: 422, code: 'JUDICIAL_AUTHORITY_UNKNOWN' });
      expect(await (await gateway.store()).find(message.payload.requestId)).toBeUndefined();
    });

    it('a request without legal basis: 422 JUDICIAL_REQUEST_INVALID naming legalBasis', async () => {
      const message = requestMessage(mlaRequest({ legalBasis: [] }));
      const answer = await gateway.send(message);
      await expectRefused(answer, message.id, { status: 422, code: 'JUDICIAL_REQUEST_INVALID' });
      expect(String(answer.body.reason)).toContain('payload.legalBasis');
    });

    it('an illegal transition: 422 JUDICIAL_TRANSITION_ILLEGAL, the request unmoved, a receipt rejected', async () => {
      const message = statusMessage({ requestId, status: 'EXECUTED', authority: 'NE-CA' });
      const answer = await gateway.send(message);
      await expectRefused(answer, message.id, { status: 422, code: 'JUDICIAL_TRANSITION_ILLEGAL' });
      const stored = await (await gateway.store()).find(requestId);
      expect(stored?.state).toBe('SUBMITTED');
      expect(stored?.receipts).toContainEqual(
        expect.objectContaining({ messageId: message.id, evidence: 'rejected' }),
      );
    });

    it('an attachment whose digest does not match: 422 JUDICIAL_ATTACHMENT_DIGEST_MISMATCH naming it and both digests, fetched from Mali’s system by the gateway', async () => {
      const path = `/judicial/attachments/ML-CA/${randomUUID()}.txt`;
      const uri = files.serve(path, Buffer.from('the file Mali’s system serves'));
      const named = createHash('sha256').update('the file the request was written about').digest('hex');
      const served = createHash('sha256').update('the file Mali’s system serves').digest('hex');
      const message = requestMessage(
        mlaRequest({
          attachments: [{ uri, sha256: named, title: 'commission rogatoire', mediaType: 'text/plain' }],
        }),
      );

      const answer = await gateway.send(message);

      await expectRefused(answer, message.id, { status: 422, code: 'JUDICIAL_ATTACHMENT_DIGEST_MISMATCH' });
      expect(answer.body.reason).toEqual(
        expect.stringContaining(`payload.attachments[0] (commission rogatoire, ${uri})`),
      );
      expect([
        String(answer.body.reason).includes(named),
        String(answer.body.reason).includes(served),
      ]).toEqual([true, true]);
      expect(files.fetched.filter((f) => f.path === path)).toEqual([{ client: 'GATEWAY', path }]);
      expect(await (await gateway.store()).find(message.payload.requestId)).toBeUndefined();
    });

    it('an attachment on another host than Mali’s system: 422 JUDICIAL_ATTACHMENT_ORIGIN_REFUSED, nothing fetched', async () => {
      const uri = 'https://127.0.0.1:1/judicial/attachments/ML-CA/elsewhere.txt';
      const message = requestMessage(
        mlaRequest({ attachments: [{ uri, sha256: '0'.repeat(64), title: 'ailleurs' }] }),
      );

      const answer = await gateway.send(message);

      await expectRefused(answer, message.id, { status: 422, code: 'JUDICIAL_ATTACHMENT_ORIGIN_REFUSED' });
    });

    it('a status from a state that is not a party: 422 JUDICIAL_STATUS_NOT_A_PARTY', async () => {
      const message = statusMessage({ requestId, status: 'RECEIVED', authority: 'SN-CA' });
      const answer = await gateway.send(message);
      await expectRefused(answer, message.id, { status: 422, code: 'JUDICIAL_STATUS_NOT_A_PARTY' });
      expect((await (await gateway.store()).find(requestId))?.state).toBe('SUBMITTED');
    });
  });

  describe('an outage is no refusal: 503 with Retry-After, and the same message is taken afterwards', () => {
    function brokerConnection(): EventEmitter {
      const amqp = gateway.adapterApp.get?.(AmqpConnection);
      const manager = (amqp as unknown as { manager: { connection?: EventEmitter } } | undefined)?.manager;
      if (!manager?.connection) throw new Error('the judicial adapter has no open broker connection');
      return manager.connection;
    }

    function adapterRedis(): Redis {
      // Nest resolves a symbol token as well; RunningApp types `get` for classes only.
      const get = gateway.adapterApp.get as ((token: symbol) => Redis) | undefined;
      const redis = get?.(REDIS);
      if (!redis) throw new Error('the judicial adapter has no Redis client');
      return redis;
    }

    async function expectUnavailableThenTaken(message: JudicialMessage, recover: () => void): Promise<void> {
      // The same bytes twice, as an authority's system retries.
      const send = () =>
        gateway.post({
          body: Buffer.from(JSON.stringify(message)),
          credential: gateway.authority(message.from),
          messageId: message.id,
        });
      const answer = await send();
      expect({ status: answer.status, retryAfter: answer.retryAfter }).toEqual({
        status: 503,
        retryAfter: '5',
      });
      expect(answer.json).toMatchObject({ code: 'GATEWAY_UNAVAILABLE' });
      recover();
      // The client reconnects on its own schedule: a door that is not ready yet answers 503 again, and the
      // authority's system sends the same bytes again, as Retry-After tells it.
      await expectEventually(() => expect(adapterRedis().status).toBe('ready'), { timeoutMs: 20_000 });
      const taken = await send();
      expect({ status: taken.status, body: taken.json }).toEqual({
        status: 202,
        body: { messageId: message.id, receipt: 'accepted' },
      });
      const stored = await (await gateway.store()).find((message.payload as JudicialRequest).requestId);
      expect(stored?.history.map((move) => move.to)).toEqual(['SUBMITTED']);
      // Nothing quarantined by the door (a delivery's own dead letter, with no authority listening here, is not the door's).
      const letters = await gateway.harness.stats.peekDeadLetters(500);
      expect(
        letters.filter((l) => l.messageId === message.id && l.originalQueue === 'judicial-adapter.https'),
      ).toEqual([]);
    }

    it('while the broker blocks the connection', async () => {
      brokerConnection().emit('blocked', 'low on memory');
      await expectUnavailableThenTaken(requestMessage(mlaRequest()), () =>
        brokerConnection().emit('unblocked'),
      );
    });

    it('while Redis cannot be reached at all: at once, not once Redis is back', async () => {
      proxy.unreachable();
      // Barrier: the adapter's client has seen its connection go (it queues commands from then on).
      await expectEventually(() => expect(adapterRedis().status).not.toBe('ready'));
      await expectUnavailableThenTaken(requestMessage(mlaRequest()), () => proxy.up());
    });

    it('while Redis answers LOADING (restarting)', async () => {
      proxy.down();
      await expectUnavailableThenTaken(requestMessage(mlaRequest()), () => proxy.up());
    });
  });
});
