import { Agent } from 'node:https';
import { createSecureContext } from 'node:tls';
import type { ClientTlsOptions } from './pinned-tls';

export interface KeptAliveTlsOptions {
  /** Connections open at once to one destination; further requests wait for a free one. */
  maxSockets?: number;
  /** Idle connections kept for reuse. */
  maxFreeSockets?: number;
  /**
   * An idle connection is closed after this long. Below the server's keep-alive timeout (node's
   * default is 5 s) so that we close it first, rather than write into a socket the server is closing.
   */
  freeSocketTimeoutMs?: number;
}

/**
 * One pool of mutual-TLS connections for one client identity and one CA. Key, certificate and CA
 * are parsed once into a secure context, and a connection carries many documents: the handshake
 * (and its chain verification at both ends) was most of the CPU spent per delivered notice.
 *
 * The server's certificate is still verified against our CA on every new connection
 * (`rejectUnauthorized`), and its identity by the request's `checkServerIdentity` during that
 * handshake: a kept-alive connection stays with the server that proved its identity on it.
 * Built once per credential: whoever reloads the credential or CA builds a new one and destroys
 * the old one.
 */
export function mutualTlsAgent(
  tls: Omit<ClientTlsOptions, 'expectedServerId'>,
  options: KeptAliveTlsOptions = {},
): Agent {
  return new Agent({
    keepAlive: true,
    maxSockets: options.maxSockets ?? 8,
    maxFreeSockets: options.maxFreeSockets ?? 8,
    timeout: options.freeSocketTimeoutMs ?? 4000,
    scheduling: 'lifo',
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    secureContext: createSecureContext({
      cert: tls.certificatePem,
      key: tls.privateKeyPem,
      ca: tls.caPem,
      minVersion: 'TLSv1.2',
    }),
  });
}
