import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PeerSender } from '@pcms/peer';
import { clientIdentity, httpsServerOptions, SignedHttpHeader } from '@pcms/signed-http';
import { SignatureVerifier } from '@pcms/trust';
import { createTestPki } from '@pcms/trust/testing';

describe(PeerSender.name, () => {
  const pki = createTestPki();
  const verifier = new SignatureVerifier({ trustAnchorsPem: [pki.ca.certificatePem] });
  const folder = mkdtempSync(join(tmpdir(), 'pcms-peer-sender-'));
  const received: { messageId: string; client: string; signer: string; body: string }[] = [];
  let gateway: Server;
  let sut: PeerSender;

  beforeAll(async () => {
    // A stand-in for the gateway's inbound endpoint: it checks the signature as the gateway will.
    gateway = createServer(httpsServerOptions(pki.gateway, pki.ca.certificatePem), (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const signature = Buffer.from(String(req.headers[SignedHttpHeader.SIGNATURE]), 'base64');
        received.push({
          messageId: String(req.headers[SignedHttpHeader.MESSAGE_ID]),
          client: clientIdentity(req).id,
          signer: verifier.verify(body, signature, { expectedSigner: 'I247-PEER' }).signerId,
          body: body.toString('utf8'),
        });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    sut = new PeerSender({
      credential: pki.peer,
      caPem: pki.ca.certificatePem,
      gatewayUrl: `https://127.0.0.1:${(gateway.address() as AddressInfo).port}/inbound/notices`,
      timeoutMs: 5000,
    });
  });

  afterAll(async () => {
    await new Promise((resolve) => gateway.close(resolve));
    rmSync(folder, { recursive: true, force: true });
  });

  it('signs a notice file as I247-PEER and posts it to the gateway over mutual TLS', async () => {
    const file = join(folder, 'red-2024-00017.xml');
    writeFileSync(file, '<Notice xmlns="urn:pcms:i247:notice:1"/>');

    const response = await sut.sendFile(file);

    expect(response.status).toBe(202);
    expect(received).toEqual([
      {
        messageId: 'red-2024-00017',
        client: 'I247-PEER',
        signer: 'I247-PEER',
        body: '<Notice xmlns="urn:pcms:i247:notice:1"/>',
      },
    ]);
  });
});
