// A stand-in for the authorities' systems behind the judicial adapter's default endpoint: HTTPS
// with mutual TLS, the certificate of JUDICIAL-PEER (judicialAdapter.defaultEndpointId in the test
// profile). It takes only the gateway's client certificate and signature, keeps every delivery
// (for whom, `?to=`; the bytes; whose signature) and answers 202 { registered: true }.
import { clientIdentity, httpsServerOptions } from '@pcms/signed-http';
import { SignatureVerifier, issueCertificate, type Credential } from '@pcms/trust';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  /** The authority the delivery is for (`?to=`). */
  to: string | null;
  messageId: string | undefined;
  /** The TLS client: the gateway. */
  client: string;
  /** Who signed the bytes (the detached CMS of x-pcms-signature). */
  signer: string;
  body: Buffer;
}

export class AuthoritySystemStandIn {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly received: ReceivedDelivery[],
  ) {}

  static async start(ca: Credential, serverId = 'JUDICIAL-PEER'): Promise<AuthoritySystemStandIn> {
    const credential = issueCertificate({ issuer: ca, subjectId: serverId, role: 'peer' });
    const verifier = new SignatureVerifier({ trustAnchorsPem: [ca.certificatePem] });
    const received: ReceivedDelivery[] = [];
    const server = createServer(httpsServerOptions(credential, ca.certificatePem), (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const signature = Buffer.from(String(req.headers['x-pcms-signature'] ?? ''), 'base64');
        const messageId = req.headers['x-pcms-message-id'] as string | undefined;
        const signer = verifier.verify(body, signature).signerId;
        received.push({
          to: new URL(req.url ?? '/', 'https://stand-in').searchParams.get('to'),
          messageId,
          client: clientIdentity(req).id,
          signer,
          body,
        });
        res.writeHead(202, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ registered: true, messageId }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new AuthoritySystemStandIn(server, `https://127.0.0.1:${port}/judicial/messages`, received);
  }

  /** The deliveries of one message, by the authority they were for. */
  deliveriesOf(messageId: string): ReceivedDelivery[] {
    return this.received.filter((delivery) => delivery.messageId === messageId);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A port nothing listens on: bound, then released. */
export async function deadPort(): Promise<number> {
  const { createServer: createTcpServer } = await import('node:net');
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
