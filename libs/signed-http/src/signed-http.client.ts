import { request, type Agent } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { PeerCertificate } from 'node:tls';
import { identityOf } from '@pcms/trust';
import { derToPem } from './certificate-pem';
import { SignedHttpError, SignedHttpErrorCode } from './signed-http.error';
import { SignedHttpHeader } from './signed-http.headers';

export interface ClientTlsOptions {
  /** Our own certificate and key: the server requires a client certificate (mutual TLS). */
  certificatePem: string;
  privateKeyPem: string;
  /** The CA the server's certificate must chain to; nothing else is trusted. */
  caPem: string;
  /** The certificate identity (CN, e.g. `I247-PEER`) the server must present. */
  expectedServerId: string;
}

export interface SignedDocumentRequest {
  url: string;
  body: Buffer;
  contentType: string;
  /** Detached CMS SignedData (DER) over exactly `body`. */
  signatureDer: Buffer;
  messageId: string;
  correlationId?: string;
  tls: ClientTlsOptions;
  /** Bound on the whole exchange, connection to last byte of the answer. */
  timeoutMs: number;
  /**
   * Kept-alive connections built by {@link mutualTlsAgent} from the same `tls` credential and CA
   * (only `tls.expectedServerId` is then read from `tls`). Without it, a connection of its own.
   */
  agent?: Agent;
}

export interface SignedDocumentResponse {
  status: number;
  body: string;
}

/** Answers are short acknowledgements; a longer one is cut rather than buffered without end. */
const MAX_RESPONSE_CHARS = 64 * 1024;

/**
 * POSTs a signed document over HTTPS with mutual TLS.
 *
 * Resolves on 2xx and on 409: the destination is idempotent by message id, so "I already have it"
 * means the document arrived. Everything else rejects with a {@link SignedHttpError} whose
 * `retryable` flag tells a delivery queue whether to try again.
 */
export function postSignedDocument(input: SignedDocumentRequest): Promise<SignedDocumentResponse> {
  return new Promise((resolve, reject) => {
    let identityFailure: SignedHttpError | undefined;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };

    const req = request(input.url, {
      method: 'POST',
      ...(input.agent
        ? { agent: input.agent }
        : {
            cert: input.tls.certificatePem,
            key: input.tls.privateKeyPem,
            ca: input.tls.caPem,
            rejectUnauthorized: true,
            minVersion: 'TLSv1.2',
            // A one-off request (the CLI, a test) needs no pool that would outlive it.
            agent: false,
          }),
      headers: {
        'content-type': input.contentType,
        'content-length': input.body.length,
        [SignedHttpHeader.SIGNATURE]: input.signatureDer.toString('base64'),
        [SignedHttpHeader.MESSAGE_ID]: input.messageId,
        ...(input.correlationId ? { [SignedHttpHeader.CORRELATION_ID]: input.correlationId } : {}),
      },
      // The server is a party of our own PKI: we pin the identity its certificate names instead
      // of matching the host name (RFC 6125), which a private CA need not put in the certificate.
      // Called in the handshake of each new connection; a reused one was checked when it opened.
      checkServerIdentity: (_host: string, certificate: PeerCertificate) => {
        identityFailure = checkIdentity(certificate, input.tls.expectedServerId);
        return identityFailure;
      },
    });

    const timer = setTimeout(() => {
      req.destroy(
        new SignedHttpError(
          SignedHttpErrorCode.HTTP_TIMEOUT,
          `No complete answer from ${input.url} within ${input.timeoutMs} ms`,
          { retryable: true },
        ),
      );
    }, input.timeoutMs);

    req.on('response', (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (text.length < MAX_RESPONSE_CHARS) text += chunk;
      });
      res.on('error', (error: Error) => settle(() => reject(connectionError(input.url, error))));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const body = text.slice(0, MAX_RESPONSE_CHARS);
        settle(() =>
          isAccepted(status) ? resolve({ status, body }) : reject(rejection(input.url, status, body)),
        );
      });
    });

    req.on('error', (error: Error) => {
      settle(() => {
        if (error instanceof SignedHttpError) reject(error);
        else if (identityFailure) reject(identityFailure);
        else if (isCertificateVerificationError(error)) reject(untrustedServer(input.url, error));
        else reject(connectionError(input.url, error));
      });
    });

    req.end(input.body);
  });
}

function isAccepted(status: number): boolean {
  return (status >= 200 && status < 300) || status === 409;
}

/** @internal shared with digest-fetch.ts */
export function checkIdentity(certificate: PeerCertificate, expectedId: string): SignedHttpError | undefined {
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

/** @internal shared with digest-fetch.ts */
export function isCertificateVerificationError(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code !== undefined && CERTIFICATE_VERIFICATION_CODES.has(code);
}

/** @internal shared with digest-fetch.ts */
export function untrustedServer(url: string, cause: Error): SignedHttpError {
  const code = (cause as NodeJS.ErrnoException).code ?? 'unknown';
  return new SignedHttpError(
    SignedHttpErrorCode.HTTP_SERVER_IDENTITY,
    `The certificate of ${url} is not trusted (${code})`,
    { retryable: false, cause },
  );
}

/** @internal shared with digest-fetch.ts */
export function connectionError(url: string, cause: Error): SignedHttpError {
  const code = (cause as NodeJS.ErrnoException).code ?? cause.name;
  return new SignedHttpError(SignedHttpErrorCode.HTTP_CONNECTION_FAILED, `Cannot reach ${url} (${code})`, {
    retryable: true,
    cause,
  });
}

function rejection(url: string, status: number, body: string): SignedHttpError {
  // RFC 9110 §15.6: 5xx are the server's trouble; 408 and 429 (RFC 6585 §4) ask to come back later.
  const retryable = status >= 500 || status === 408 || status === 429;
  return new SignedHttpError(
    SignedHttpErrorCode.HTTP_REJECTED,
    `${url} answered ${status}: ${summary(body)}`,
    {
      retryable,
      status,
      responseBody: body.slice(0, 2048),
    },
  );
}

function summary(body: string): string {
  const oneLine = body.replace(/\s+/g, ' ').trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine || '(no body)';
}
