// A TLS-terminating proxy in front of the plain-text broker, standing in for RabbitMQ's own TLS
// listener (which this project does not configure): it presents a server certificate, requires
// a client certificate chained to `caPem`, and pipes each connection to 127.0.0.1:5672.
import { connect as connectTcp } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import type { Credential } from '@pcms/trust';

export interface TlsProxy {
  readonly port: number;
  /** Subject CN of each client certificate the proxy accepted, in order. */
  readonly clients: string[];
  close(): Promise<void>;
}

export async function startTlsProxy(options: {
  server: Credential;
  caPem: string;
  /** Where it listens; another loopback address tests the client's host name check. */
  host?: string;
  target?: { host: string; port: number };
}): Promise<TlsProxy> {
  const target = options.target ?? { host: '127.0.0.1', port: 5672 };
  const clients: string[] = [];
  const sockets = new Set<TLSSocket>();
  const server = createServer(
    {
      cert: options.server.certificatePem,
      key: options.server.privateKeyPem,
      ca: options.caPem,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    (socket) => {
      sockets.add(socket);
      clients.push(String(socket.getPeerCertificate().subject?.CN ?? ''));
      const upstream = connectTcp(target);
      socket.pipe(upstream).pipe(socket);
      const end = () => {
        socket.destroy();
        upstream.destroy();
        sockets.delete(socket);
      };
      socket.on('error', end);
      socket.on('close', end);
      upstream.on('error', end);
      upstream.on('close', end);
    },
  );
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    clients,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
