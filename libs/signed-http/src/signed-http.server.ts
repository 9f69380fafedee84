import type { IncomingMessage } from 'node:http';
import type { ServerOptions } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { identityOf, type Credential } from '@pcms/trust';
import { derToPem } from './certificate-pem';
import { SignedHttpError, SignedHttpErrorCode } from './signed-http.error';

/**
 * TLS options of a server that accepts signed documents: it presents `credential` and admits only
 * clients whose certificate chains to `caPem` (mutual TLS, refused during the handshake).
 */
export function httpsServerOptions(credential: Credential, caPem: string): MutualTlsServerOptions {
  return {
    cert: credential.certificatePem,
    key: credential.privateKeyPem,
    ca: caPem,
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  };
}

/** Only the TLS settings, so that both node's https and Nest's HttpsOptions accept them. */
export type MutualTlsServerOptions = Pick<
  ServerOptions,
  'cert' | 'key' | 'ca' | 'requestCert' | 'rejectUnauthorized' | 'minVersion'
>;

export interface ClientIdentity {
  id: string;
  role: string;
  /** The certificate the handshake authenticated, for checks the handshake does not make (revocation). */
  certificatePem: string;
}

/**
 * Identities already read, by the certificate's DER. Reading one (X.509, then the PCMS subject) costs
 * about 1.5 ms of CPU, and every request on a kept-alive connection presents the same certificate.
 * The identity is a function of the DER alone, so nothing is checked less: the handshake still
 * authenticates each connection, and callers still check role and revocation per request. Bounded:
 * the oldest is forgotten past `KNOWN_IDENTITIES`.
 */
const knownIdentities = new Map<string, ClientIdentity>();
const KNOWN_IDENTITIES = 256;

/** The PCMS identity of the client certificate the TLS handshake authenticated. */
export function clientIdentity(req: IncomingMessage): ClientIdentity {
  const socket = req.socket as TLSSocket;
  if (typeof socket.getPeerCertificate !== 'function' || !socket.authorized) {
    throw new SignedHttpError(
      SignedHttpErrorCode.HTTP_CLIENT_IDENTITY,
      'The client presented no trusted certificate',
      {
        retryable: false,
      },
    );
  }
  const certificate = socket.getPeerCertificate();
  if (!certificate.raw) {
    throw new SignedHttpError(
      SignedHttpErrorCode.HTTP_CLIENT_IDENTITY,
      'The client presented no certificate',
      {
        retryable: false,
      },
    );
  }
  const key = certificate.raw.toString('base64');
  const known = knownIdentities.get(key);
  if (known) return known;
  try {
    const certificatePem = derToPem(certificate.raw);
    const { id, role } = identityOf(certificatePem);
    // Frozen: one caller must not change what the next request is told.
    const identity = Object.freeze({ id, role, certificatePem });
    if (knownIdentities.size >= KNOWN_IDENTITIES) {
      knownIdentities.delete(knownIdentities.keys().next().value as string);
    }
    knownIdentities.set(key, identity);
    return identity;
  } catch (cause: unknown) {
    throw new SignedHttpError(
      SignedHttpErrorCode.HTTP_CLIENT_IDENTITY,
      "The client's certificate names no PCMS identity",
      { retryable: false, cause },
    );
  }
}
