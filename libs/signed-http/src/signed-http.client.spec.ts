import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCertificateAuthority, issueCertificate, type Credential } from '@pcms/trust';
import { postSignedDocument, type SignedDocumentRequest } from './signed-http.client';
import { SignedHttpError, SignedHttpErrorCode } from './signed-http.error';
import { clientIdentity, httpsServerOptions } from './signed-http.server';

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

describe(postSignedDocument.name, () => {
  const ca = createCertificateAuthority({ commonName: 'Test CA' });
  const gateway = issueCertificate({ issuer: ca, subjectId: 'GATEWAY', role: 'gateway' });
  const peer = issueCertificate({ issuer: ca, subjectId: 'I247-PEER', role: 'peer' });
  const otherCa = createCertificateAuthority({ commonName: 'Other CA' });
  const impostor = issueCertificate({ issuer: otherCa, subjectId: 'I247-PEER', role: 'peer' });

  let handler: Handler;
  let requests: number;
  const servers: Server[] = [];
  const held: ServerResponse[] = [];

  async function serve(credential: Credential): Promise<string> {
    const server = createServer(httpsServerOptions(credential, ca.certificatePem), (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        requests += 1;
        handler(req, res, Buffer.concat(chunks));
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}/notices`;
  }

  function request(url: string, overrides: Partial<SignedDocumentRequest> = {}): SignedDocumentRequest {
    return {
      url,
      body: Buffer.from('<Notice/>'),
      contentType: 'application/xml',
      signatureDer: Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]),
      messageId: 'm-1',
      tls: {
        certificatePem: gateway.certificatePem,
        privateKeyPem: gateway.privateKeyPem,
        caPem: ca.certificatePem,
        expectedServerId: 'I247-PEER',
      },
      timeoutMs: 5000,
      ...overrides,
    };
  }

  async function failureOf(promise: Promise<unknown>): Promise<SignedHttpError> {
    const error = await promise.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(SignedHttpError);
    return error as SignedHttpError;
  }

  beforeEach(() => {
    requests = 0;
    handler = (_req, res) => res.writeHead(202).end('accepted');
  });

  afterEach(async () => {
    held.splice(0).forEach((res) => res.destroy());
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('posts the body with the signature and message id, over mutual TLS', async () => {
    let seen: { body: string; signature?: string; messageId?: string; client: unknown } | undefined;
    handler = (req, res, body) => {
      seen = {
        body: body.toString(),
        signature: req.headers['x-pcms-signature'] as string,
        messageId: req.headers['x-pcms-message-id'] as string,
        client: clientIdentity(req),
      };
      res.writeHead(202).end('accepted');
    };
    const sut = postSignedDocument;

    const response = await sut(request(await serve(peer)));

    expect(response).toEqual({ status: 202, body: 'accepted' });
    expect(seen).toEqual({
      body: '<Notice/>',
      signature: 'MAMCAQE=',
      messageId: 'm-1',
      client: { id: 'GATEWAY', role: 'gateway', certificatePem: gateway.certificatePem },
    });
  });

  it('counts 409 as delivered: the destination already holds the message', async () => {
    handler = (_req, res) => res.writeHead(409).end('duplicate');

    await expect(postSignedDocument(request(await serve(peer)))).resolves.toEqual({
      status: 409,
      body: 'duplicate',
    });
  });

  it.each([
    [500, true],
    [503, true],
    [429, true],
    [400, false],
    [403, false],
  ])('rejects status %i with retryable=%s', async (status, retryable) => {
    handler = (_req, res) => res.writeHead(status).end('{"code":"X"}');

    const error = await failureOf(postSignedDocument(request(await serve(peer))));

    expect(error).toMatchObject({
      code: SignedHttpErrorCode.HTTP_REJECTED,
      status,
      retryable,
      responseBody: '{"code":"X"}',
    });
  });

  it('refuses a server presenting another identity, before sending anything', async () => {
    const url = await serve(peer);

    const error = await failureOf(
      postSignedDocument(request(url, { tls: { ...request(url).tls, expectedServerId: 'RP' } })),
    );

    expect(error).toMatchObject({ code: SignedHttpErrorCode.HTTP_SERVER_IDENTITY, retryable: false });
    expect(error.message).toContain('I247-PEER');
    expect(requests).toBe(0);
  });

  it('refuses a server whose certificate does not chain to our CA', async () => {
    const error = await failureOf(postSignedDocument(request(await serve(impostor))));

    expect(error).toMatchObject({ code: SignedHttpErrorCode.HTTP_SERVER_IDENTITY, retryable: false });
    expect(requests).toBe(0);
  });

  it('reports a refused connection as retryable', async () => {
    const url = await serve(peer);
    await new Promise((resolve) => servers.pop()?.close(resolve));

    const error = await failureOf(postSignedDocument(request(url)));

    expect(error).toMatchObject({ code: SignedHttpErrorCode.HTTP_CONNECTION_FAILED, retryable: true });
  });

  it('gives up after timeoutMs when the server does not answer', async () => {
    handler = (_req, res) => held.push(res);

    const error = await failureOf(postSignedDocument(request(await serve(peer), { timeoutMs: 200 })));

    expect(error).toMatchObject({ code: SignedHttpErrorCode.HTTP_TIMEOUT, retryable: true });
  });

  it('is refused by the server when our certificate is not from its CA', async () => {
    const url = await serve(peer);
    const stranger = issueCertificate({ issuer: otherCa, subjectId: 'GATEWAY', role: 'gateway' });

    const error = await failureOf(
      postSignedDocument(
        request(url, {
          tls: {
            ...request(url).tls,
            certificatePem: stranger.certificatePem,
            privateKeyPem: stranger.privateKeyPem,
          },
        }),
      ),
    );

    expect(error.code).toBe(SignedHttpErrorCode.HTTP_CONNECTION_FAILED);
    expect(requests).toBe(0);
  });
});
