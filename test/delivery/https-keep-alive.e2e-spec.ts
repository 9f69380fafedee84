// One TLS handshake per kept-alive connection, not per document: the handshake (key, certificate
// and secure context built again, the chain verified at both ends) was most of the CPU the
// i247-adapter and the peer spent per notice. The identity checks must hold as before.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { httpsNoticeSender, type ClosableNoticeSender, type NoticeSender } from '@pcms/delivery';
import { PeerSender } from '@pcms/peer';
import { clientIdentity, httpsServerOptions, SignedHttpError, SignedHttpErrorCode } from '@pcms/signed-http';
import { createCertificateAuthority, issueCertificate, type Credential } from '@pcms/trust';
import { createTestPki } from '@pcms/trust/testing';

const DELIVERIES = 20;

describe('HTTPS deliveries over a kept-alive connection', () => {
  const pki = createTestPki();
  const otherCa = createCertificateAuthority({ commonName: 'Other CA' });
  const impostor = issueCertificate({ issuer: otherCa, subjectId: 'I247-PEER', role: 'peer' });
  const servers: Server[] = [];
  const closers: (() => void)[] = [];

  /** A mutual-TLS server that counts its handshakes and the client identity of every request. */
  async function serve(
    credential: Credential,
  ): Promise<{ url: string; handshakes: () => number; clients: string[] }> {
    let handshakes = 0;
    const clients: string[] = [];
    const server = createServer(httpsServerOptions(credential, pki.ca.certificatePem), (req, res) => {
      clients.push(clientIdentity(req).id);
      req.resume();
      req.on('end', () => res.writeHead(202).end('accepted'));
    });
    server.on('secureConnection', () => (handshakes += 1));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/notices`;
    return { url, handshakes: () => handshakes, clients };
  }

  function noticeSender(url: string): ClosableNoticeSender {
    const send = httpsNoticeSender({
      url,
      timeoutMs: 5000,
      tls: {
        certificatePem: pki.gateway.certificatePem,
        privateKeyPem: pki.gateway.privateKeyPem,
        caPem: pki.ca.certificatePem,
        expectedServerId: 'I247-PEER',
      },
    });
    closers.push(() => send.close());
    return send;
  }

  function job(index: number) {
    return {
      messageId: `m-${index}`,
      correlationId: `c-${index}`,
      noticeXml: '<Notice/>',
      signatureB64: 'MAMCAQE=',
    } as Parameters<NoticeSender>[0];
  }

  afterEach(async () => {
    closers.splice(0).forEach((close) => close());
    await Promise.all(
      servers.splice(0).map((server) => {
        server.closeAllConnections();
        return new Promise((resolve) => server.close(resolve));
      }),
    );
  });

  it('delivers 20 notices in a row to the peer over one TLS handshake', async () => {
    const peer = await serve(pki.peer);
    const sut = noticeSender(peer.url);

    for (let i = 0; i < DELIVERIES; i += 1) await expect(sut(job(i))).resolves.toMatchObject({ status: 202 });

    expect(peer.handshakes()).toBe(1);
    expect(peer.clients).toEqual(Array(DELIVERIES).fill('GATEWAY'));
  });

  it('still refuses a server whose certificate comes from another CA, on every attempt', async () => {
    const stranger = await serve(impostor);
    const sut = noticeSender(stranger.url);

    for (let i = 0; i < 2; i += 1) {
      const error = await sut(job(i)).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(SignedHttpError);
      expect((error as SignedHttpError).code).toBe(SignedHttpErrorCode.HTTP_SERVER_IDENTITY);
    }
    expect(stranger.clients).toEqual([]);
  });

  it('still refuses a server of our CA that names another identity', async () => {
    const rp = await serve(pki.gateway);
    const sut = noticeSender(rp.url);

    const error = await sut(job(0)).then(
      () => undefined,
      (reason: unknown) => reason,
    );

    expect((error as SignedHttpError).code).toBe(SignedHttpErrorCode.HTTP_SERVER_IDENTITY);
    expect(rp.clients).toEqual([]);
  });

  it('sends 20 notices from the peer to the gateway over one TLS handshake', async () => {
    const gateway = await serve(pki.gateway);
    const sut = new PeerSender({
      credential: pki.peer,
      caPem: pki.ca.certificatePem,
      gatewayUrl: gateway.url,
      timeoutMs: 5000,
    });
    closers.push(() => sut.close());

    for (let i = 0; i < DELIVERIES; i += 1) {
      await expect(sut.send(Buffer.from('<Notice/>'), `p-${i}`)).resolves.toMatchObject({ status: 202 });
    }

    expect(gateway.handshakes()).toBe(1);
    expect(gateway.clients).toEqual(Array(DELIVERIES).fill('I247-PEER'));
  });
});
