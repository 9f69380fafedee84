// The sending authority's system as the judicial door fetches attachments from it: HTTPS with
// mutual TLS, the certificate of JUDICIAL-PEER (judicialAdapter.defaultEndpointId in the test
// profile), GET of the files a test puts here by path. It listens before the harness's CA exists
// (the door's configuration needs its port): its certificate is set once the CA is there.
import { clientIdentity } from '@pcms/signed-http';
import { issueCertificate, type Credential } from '@pcms/trust';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

export class AttachmentFilesStandIn {
  private constructor(
    private readonly server: Server,
    /** The origin, e.g. https://127.0.0.1:40123. */
    readonly origin: string,
    private readonly files: Map<string, Buffer>,
    /** Who fetched what: the TLS client's id and the path. */
    readonly fetched: { client: string; path: string }[],
  ) {}

  static async start(): Promise<AttachmentFilesStandIn> {
    const files = new Map<string, Buffer>();
    const fetched: { client: string; path: string }[] = [];
    const server = createServer(
      { requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
      (req, res) => {
        const path = new URL(req.url ?? '/', 'https://stand-in').pathname;
        fetched.push({ client: clientIdentity(req).id, path });
        const file = files.get(path);
        if (req.method !== 'GET' || file === undefined) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file);
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new AttachmentFilesStandIn(server, `https://127.0.0.1:${port}`, files, fetched);
  }

  /** Presents JUDICIAL-PEER's certificate from `ca`, and trusts only `ca` for clients. */
  trust(ca: Credential): void {
    const credential = issueCertificate({ issuer: ca, subjectId: 'JUDICIAL-PEER', role: 'peer' });
    this.server.setSecureContext({
      cert: credential.certificatePem,
      key: credential.privateKeyPem,
      ca: ca.certificatePem,
    });
  }

  /** Serves `bytes` at `path`; returns its URL. */
  serve(path: string, bytes: Buffer): string {
    this.files.set(path, bytes);
    return `${this.origin}${path}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
