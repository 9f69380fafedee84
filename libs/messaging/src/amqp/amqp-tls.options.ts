import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';

/**
 * TLS to the broker (https://www.rabbitmq.com/docs/ssl): we present our certificate and key and
 * trust only `caPem`. The broker's certificate must name the host we dial (RFC 6125, Node's
 * default check) unless `servername` or `checkServerIdentity` say otherwise.
 */
export interface AmqpClientTls {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  readonly caPem: string;
  /** SNI and the name checked in the broker's certificate; default: the URL's host. */
  readonly servername?: string;
  readonly checkServerIdentity?: TlsConnectionOptions['checkServerIdentity'];
}

/** amqplib hands these to `tls.connect` for an amqps:// URL. */
export function tlsSocketOptions(tls: AmqpClientTls): TlsConnectionOptions {
  return {
    cert: tls.certificatePem,
    key: tls.privateKeyPem,
    ca: tls.caPem,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    ...(tls.servername ? { servername: tls.servername } : {}),
    ...(tls.checkServerIdentity ? { checkServerIdentity: tls.checkServerIdentity } : {}),
  };
}
