import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clientIdentity, httpsServerOptions, SignedHttpError, SignedHttpErrorCode } from '@pcms/signed-http';
import { SignatureVerifier } from '@pcms/trust';
import { createTestPki, type TestPki } from '@pcms/trust/testing';
import { contactMessage, requestMessage, statusMessage } from './judicial-message.builders';
import { sendAsAuthority } from './send-as-authority';
import type { JudicialRequest } from '../request/judicial-request.dto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

const REQUEST = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/requests/ok/mla-mali-to-niger.json'), 'utf8'),
) as JudicialRequest;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe(sendAsAuthority.name, () => {
  let pki: TestPki;
  let handler: Handler;
  let server: Server;
  let url: string;
  const answer = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  beforeAll(async () => {
    pki = createTestPki();
    server = createServer(httpsServerOptions(pki.gateway, pki.ca.certificatePem), (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => handler(req, res, Buffer.concat(chunks)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/judicial/messages`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('posts the exact JSON bytes signed by the authority, over mutual TLS as the authority, and returns the answer', async () => {
    let seen: { body: Buffer; headers: IncomingMessage['headers']; client: unknown } | undefined;
    handler = (req, res, body) => {
      seen = { body, headers: req.headers, client: clientIdentity(req) };
      answer(202, { messageId: 'm', receipt: 'accepted' })(req, res);
    };
    const message = requestMessage(REQUEST);

    const sut = await sendAsAuthority({
      doorUrl: url,
      message,
      credential: pki.authority('ML-CA'),
      caPem: pki.ca.certificatePem,
    });

    expect(sut).toEqual({
      status: 202,
      body: { messageId: 'm', receipt: 'accepted' },
      messageId: message.id,
      bytes: seen?.body.length,
    });
    expect(JSON.parse(seen?.body.toString() ?? '')).toEqual(message);
    expect(seen?.client).toMatchObject({ id: 'ML-CA', role: 'authority' });
    expect(seen?.headers['x-pcms-message-id']).toBe(message.id);
    expect(seen?.headers['x-pcms-correlation-id']).toBe(REQUEST.requestId);
    expect(seen?.headers['content-type']).toBe('application/json');
    const signature = Buffer.from(String(seen?.headers['x-pcms-signature']), 'base64');
    const verified = new SignatureVerifier({ trustAnchorsPem: [pki.ca.certificatePem] }).verify(
      seen?.body ?? Buffer.alloc(0),
      signature,
    );
    expect(verified).toMatchObject({ signerId: 'ML-CA', role: 'authority' });
  });

  it.each([
    [422, { code: 'JUDICIAL_TRANSITION_ILLEGAL', reason: 'no' }],
    [403, { code: 'JUDICIAL_SENDER_MISMATCH', reason: 'not you' }],
    [409, { code: 'JUDICIAL_MESSAGE_CONFLICT', reason: 'other bytes' }],
    [200, { duplicate: true, messageId: 'x' }],
  ])('returns a %i answer as the result, refusals included', async (status, body) => {
    handler = answer(status, body);

    const sut = await sendAsAuthority({
      doorUrl: url,
      message: statusMessage({ requestId: REQUEST.requestId, status: 'RECEIVED', authority: 'NE-CA' }),
      credential: pki.authority('NE-CA'),
      caPem: pki.ca.certificatePem,
    });

    expect(sut).toMatchObject({ status, body });
  });

  it('keeps an answer that is not JSON as text', async () => {
    handler = (_req, res) => res.writeHead(502).end('Bad Gateway');

    const sut = await sendAsAuthority({
      doorUrl: url,
      message: statusMessage({ requestId: REQUEST.requestId, status: 'RECEIVED', authority: 'NE-CA' }),
      credential: pki.authority('NE-CA'),
      caPem: pki.ca.certificatePem,
    });

    expect(sut).toMatchObject({ status: 502, body: { text: 'Bad Gateway' } });
  });

  it('refuses a door that is not the gateway (its identity is pinned)', async () => {
    handler = answer(202, {});

    const error = await sendAsAuthority({
      doorUrl: url,
      message: statusMessage({ requestId: REQUEST.requestId, status: 'RECEIVED', authority: 'NE-CA' }),
      credential: pki.authority('NE-CA'),
      caPem: pki.ca.certificatePem,
      gatewayId: 'OTHER-GATEWAY',
    }).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(SignedHttpError);
    expect((error as SignedHttpError).code).toBe(SignedHttpErrorCode.HTTP_SERVER_IDENTITY);
  });

  it('rejects when nobody answers', async () => {
    const closed = createServer(httpsServerOptions(pki.gateway, pki.ca.certificatePem));
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const error = await sendAsAuthority({
      doorUrl: `https://127.0.0.1:${port}/judicial/messages`,
      message: statusMessage({ requestId: REQUEST.requestId, status: 'RECEIVED', authority: 'NE-CA' }),
      credential: pki.authority('NE-CA'),
      caPem: pki.ca.certificatePem,
    }).catch((reason: unknown) => reason);

    expect((error as SignedHttpError).code).toBe(SignedHttpErrorCode.HTTP_CONNECTION_FAILED);
  });
});

describe('judicial message builders', () => {
  it('stamp each message with a fresh lower-case UUID and the time of sending', () => {
    const before = Date.now();

    const first = statusMessage({ requestId: REQUEST.requestId, status: 'ACKNOWLEDGED', authority: 'NE-CA' });
    const second = statusMessage({
      requestId: REQUEST.requestId,
      status: 'ACKNOWLEDGED',
      authority: 'NE-CA',
    });

    expect(first.id).toMatch(UUID);
    expect(second.id).not.toBe(first.id);
    expect(Date.parse(first.sentAt)).toBeGreaterThanOrEqual(before - 1);
    expect(first.sentAt).toMatch(/Z$/);
    expect(first).toMatchObject({
      type: 'judicial.status',
      from: 'NE-CA',
      payload: { requestId: REQUEST.requestId, status: 'ACKNOWLEDGED', authority: 'NE-CA', at: first.sentAt },
    });
    expect(first.payload).not.toHaveProperty('reason');
  });

  it('send a request as its requesting authority unless told otherwise', () => {
    expect(requestMessage(REQUEST)).toMatchObject({
      type: 'judicial.request',
      from: 'ML-CA',
      payload: REQUEST,
    });
    expect(requestMessage(REQUEST, 'ML-PCJS-FP').from).toBe('ML-PCJS-FP');
  });

  it('carry a refusal’s reason and grounds', () => {
    const sut = statusMessage({
      requestId: REQUEST.requestId,
      status: 'REFUSED',
      authority: 'NE-CA',
      reason: 'dual criminality',
      grounds: { ground: 'political-offence', text: 'not an offence in Niger' },
      at: new Date('2026-12-01T10:00:00Z'),
    });

    expect(sut.payload).toEqual({
      requestId: REQUEST.requestId,
      status: 'REFUSED',
      authority: 'NE-CA',
      at: '2026-12-01T10:00:00.000Z',
      reason: 'dual criminality',
      grounds: { ground: 'political-offence', text: 'not an offence in Niger' },
    });
  });

  it('address a contact in French by default', () => {
    const sut = contactMessage({ from: 'GH-WACAP-PROS', to: 'ML-WACAP-PROS', subject: 's', text: 't' });

    expect(sut).toMatchObject({
      type: 'judicial.contact',
      from: 'GH-WACAP-PROS',
      payload: { to: 'ML-WACAP-PROS', subject: 's', text: 't', language: 'fre' },
    });
  });
});
