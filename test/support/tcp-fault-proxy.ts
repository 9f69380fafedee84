// A TCP proxy in front of one of the machine's services (PostgreSQL here) that a test turns down
// and up again, as a restart looks to the clients: every open connection is cut, and while it is
// down each new connection is closed at once. The service itself is never touched: other suites
// use it. Each connection attempt is recorded with its time.
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface TcpFaultProxy {
  readonly port: number;
  /** When each connection refused while down was attempted. */
  readonly refused: number[];
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startTcpFaultProxy(target: { host: string; port: number }): Promise<TcpFaultProxy> {
  const refused: number[] = [];
  const sockets = new Set<Socket>();
  let isDown = false;
  const cutAll = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  const server = createServer((client) => {
    if (isDown) {
      refused.push(Date.now());
      client.destroy();
      return;
    }
    const upstream = connect(target);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    refused,
    down: () => {
      isDown = true;
      cutAll();
    },
    up: () => void (isDown = false),
    close: () =>
      new Promise<void>((resolve) => {
        cutAll();
        server.close(() => resolve());
      }),
  };
}
