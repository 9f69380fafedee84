// A stand-in for the I-24/7-like peer: a real HTTPS server with mutual TLS that records what it
// receives and answers what the test tells it to.
import { createServer, type Server } from 'node:https';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Credential } from '@pcms/trust';
import { httpsServerOptions, SignedHttpHeader } from '@pcms/signed-http';

export interface ReceivedDocument {
  messageId: string;
  signatureB64: string;
  body: string;
}

export class FakePeerServer {
  readonly received: ReceivedDocument[] = [];
  /** Status to answer for the n-th request (0-based); `hold` keeps the answer back until released. */
  answer: (index: number) => number | 'hold' = () => 202;
  private readonly held: ServerResponse[] = [];
  private server?: Server;

  constructor(
    private readonly credential: Credential,
    private readonly caPem: string,
  ) {}

  async start(port = 0): Promise<number> {
    const server = createServer(httpsServerOptions(this.credential, this.caPem), (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const index = this.received.length;
        this.received.push({
          messageId: String(req.headers[SignedHttpHeader.MESSAGE_ID]),
          signatureB64: String(req.headers[SignedHttpHeader.SIGNATURE]),
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const status = this.answer(index);
        if (status === 'hold') this.held.push(res);
        else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status }));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  release(status = 202): void {
    this.held.splice(0).forEach((res) => res.writeHead(status).end());
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    this.held.splice(0).forEach((res) => res.destroy());
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
