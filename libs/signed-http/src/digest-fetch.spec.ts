import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createCertificateAuthority, issueCertificate, type Credential } from '@pcms/trust';
import { fetchDigest, type DigestFetchRequest } from './digest-fetch';
import { SignedHttpError, SignedHttpErrorCode } from './signed-http.error';
import { clientIdentity, httpsServerOptions } from './signed-http.server';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe(fetchDigest.name, () => {
  const ca = createCertificateAuthority({ commonName: 'Test CA' });
  const gateway = issueCertificate({ issuer: ca, subjectId: 'GATEWAY', role: 'gateway' });
  const authority = issueCertificate({ issuer: ca, subjectId: 'JUDICIAL-PEER', role: 'peer' });
  const file = Buffer.from('ordonnance de commission rogatoire internationale\n'.repeat(2000));
  const sha256 = createHash('sha256').update(file).digest('hex');

  let handler: Handler;
  const servers: Server[] = [];
  let clients: string[];

  async function serve(credential: Credential = authority): Promise<string> {
    const server = createServer(httpsServerOptions(credential, ca.certificatePem), (req, res) => {
      clients.push(clientIdentity(req).id);
      handler(req, res);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}/judicial/attachments/ML-CA/a.pdf`;
  }

  function request(url: string, overrides: Partial<DigestFetchRequest> = {}): DigestFetchRequest {
    return {
      url,
      tls: {
        certificatePem: gateway.certificatePem,
        privateKeyPem: gateway.privateKeyPem,
        caPem: ca.certificatePem,
        expectedServerId: 'JUDICIAL-PEER',
      },
      timeoutMs: 5000,
      maxBytes: file.length,
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
    clients = [];
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      // In pieces: the digest is computed as the bytes come.
      res.write(file.subarray(0, 1000));
      res.end(file.subarray(1000));
    };
  });

  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('hashes the file as it streams, over mutual TLS with our certificate', async () => {
    const url = await serve();

    await expect(fetchDigest(request(url))).resolves.toEqual({ sha256, bytes: file.length });
    expect(clients).toEqual(['GATEWAY']);
  });

  it('stops a file past maxBytes without a Content-Length: HTTP_RESPONSE_TOO_LARGE, not retryable', async () => {
    handler = (_req, res) => {
      res.writeHead(200);
      res.write(file);
      res.end(Buffer.from('one byte too many'));
    };
    const url = await serve();

    const error = await failureOf(fetchDigest(request(url)));

    expect({ code: error.code, retryable: error.retryable }).toEqual({
      code: SignedHttpErrorCode.HTTP_RESPONSE_TOO_LARGE,
      retryable: false,
    });
  });

  it('refuses at once a Content-Length past maxBytes', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': file.length });
      res.end(file);
    };
    const url = await serve();

    const error = await failureOf(fetchDigest(request(url, { maxBytes: file.length - 1 })));

    expect(error.code).toBe(SignedHttpErrorCode.HTTP_RESPONSE_TOO_LARGE);
    expect(error.message).toContain(`${file.length} bytes announced`);
  });

  it('gives up after timeoutMs on a server that never finishes: HTTP_TIMEOUT, retryable', async () => {
    handler = (_req, res) => {
      res.writeHead(200);
      res.write(file.subarray(0, 10));
    };
    const url = await serve();

    const error = await failureOf(fetchDigest(request(url, { timeoutMs: 300 })));

    expect({ code: error.code, retryable: error.retryable }).toEqual({
      code: SignedHttpErrorCode.HTTP_TIMEOUT,
      retryable: true,
    });
  });

  it('reports another status with its code: a 404 is not retryable, a 503 is', async () => {
    handler = (req, res) => {
      res.writeHead(req.url?.endsWith('missing') ? 404 : 503);
      res.end('no');
    };
    const url = await serve();

    const missing = await failureOf(fetchDigest(request(`${url}missing`)));
    const busy = await failureOf(fetchDigest(request(url)));

    expect([missing, busy].map((e) => [e.code, e.status, e.retryable])).toEqual([
      [SignedHttpErrorCode.HTTP_REJECTED, 404, false],
      [SignedHttpErrorCode.HTTP_REJECTED, 503, true],
    ]);
  });

  it('refuses a server that names another party than expected: HTTP_SERVER_IDENTITY', async () => {
    const url = await serve(issueCertificate({ issuer: ca, subjectId: 'NE-CA', role: 'authority' }));

    const error = await failureOf(fetchDigest(request(url)));

    expect(error.code).toBe(SignedHttpErrorCode.HTTP_SERVER_IDENTITY);
  });

  it('refuses a URL that is not https before connecting', async () => {
    const error = await failureOf(fetchDigest(request('http://127.0.0.1:1/a.pdf')));

    expect({ code: error.code, retryable: error.retryable }).toEqual({
      code: SignedHttpErrorCode.HTTP_SERVER_IDENTITY,
      retryable: false,
    });
  });
});
