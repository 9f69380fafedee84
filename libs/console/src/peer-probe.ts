// Whether the I-24/7 peer accepts a TCP connection: the dashboard's "reachable", probed once per
// tick while a page listens. A connection, not a delivery: a peer that accepts and then refuses
// shows in the dead letters, not here.
import { connect } from 'node:net';

export function probePeer(peerUrl: string, timeoutMs = 1500): Promise<boolean> {
  const url = new URL(peerUrl);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port });
    const done = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
