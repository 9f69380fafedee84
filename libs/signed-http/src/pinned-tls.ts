// What every request to a party of our own PKI shares, whatever it carries (a signed document
// posted, an attachment fetched): our certificate or a kept-alive agent made from it, the server's
// identity pinned, and one mapping of what went wrong to a coded, retryable-or-not error.
import type { RequestOptions } from 'node:https';
import type { Agent } from 'node:https';
import type { PeerCertificate } from 'node:tls';
import { identityOf } from '@pcms/trust';
import { derToPem } from './certificate-pem';
import { SignedHttpError, SignedHttpErrorCode } from './signed-http.error';

export interface ClientTlsOptions {
  /** Our own certificate and key: the server requires a client certificate (mutual TLS). */
  certificatePem: string;
  privateKeyPem: string;
  /** The CA the server's certificate must chain to; nothing else is trusted. */
  caPem: string;
  /** The certificate identity (CN, e.g. `I247-PEER`) the server must present. */
  expectedServerId: string;
}

/** Filled in the handshake: why the server's identity was refused, if it was. */
export interface ServerPin {
  failure?: SignedHttpError;
}

export function pinnedTlsOptions(
  tls: ClientTlsOptions,
  agent: Agent | undefined,
  pin: ServerPin,
): RequestOptions {
  return {
    ...(agent
      ? { agent }
      : {
          cert: tls.certificatePem,
          key: tls.privateKeyPem,
          ca: tls.caPem,
          rejectUnauthorized: true,
          minVersion: 'TLSv1.2',
          // A one-off request (the CLI, a test) needs no pool that would outlive it.
          agent: false,
        }),
    // The server is a party of our own PKI: we pin the identity its certificate names instead
    // of matching the host name (RFC 6125), which a private CA need not put in the certificate.
    // Called in the handshake of each new connection; a reused one was checked when it opened.
    checkServerIdentity: (_host: string, certificate: PeerCertificate) => {
      pin.failure = checkIdentity(certificate, tls.expectedServerId);
      return pin.failure;
    },
  };
}

/** A request's 'error' event as the coded error its caller reports. */
export function transportFailure(url: string, error: Error, pin: ServerPin): SignedHttpError {
  if (error instanceof SignedHttpError) return error;
  if (pin.failure) return pin.failure;
  if (isCertificateVerificationError(error)) return untrustedServer(url, error);
  return connectionError(url, error);
}

/** RFC 9110 §15.6: 5xx are the server's trouble; 408 and 429 (RFC 6585 §4) ask to come back later. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

function checkIdentity(certificate: PeerCertificate, expectedId: string): SignedHttpError | undefined {
  let presented: string;
  try {
    presented = identityOf(derToPem(certificate.raw)).id;
  } catch (cause: unknown) {
    return new SignedHttpError(
      SignedHttpErrorCode.HTTP_SERVER_IDENTITY,
      `The server's certificate names no PCMS identity (expected ${expectedId})`,
      { retryable: false, cause },
    );
  }
  if (presented === expectedId) return undefined;
  return new SignedHttpError(
    SignedHttpErrorCode.HTTP_SERVER_IDENTITY,
    `The server presented the certificate of ${presented}, expected ${expectedId}`,
    { retryable: false },
  );
}

// OpenSSL's X509_V_ERR_* names as node reports them in `error.code`.
const CERTIFICATE_VERIFICATION_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_PURPOSE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function isCertificateVerificationError(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code !== undefined && CERTIFICATE_VERIFICATION_CODES.has(code);
}

function untrustedServer(url: string, cause: Error): SignedHttpError {
  const code = (cause as NodeJS.ErrnoException).code ?? 'unknown';
  return new SignedHttpError(
    SignedHttpErrorCode.HTTP_SERVER_IDENTITY,
    `The certificate of ${url} is not trusted (${code})`,
    { retryable: false, cause },
  );
}

export function connectionError(url: string, cause: Error): SignedHttpError {
  const code = (cause as NodeJS.ErrnoException).code ?? cause.name;
  return new SignedHttpError(SignedHttpErrorCode.HTTP_CONNECTION_FAILED, `Cannot reach ${url} (${code})`, {
    retryable: true,
    cause,
  });
}
