// A GET over mutual TLS that keeps nothing of the file but its SHA-256 and length: the judicial
// door proves that an attachment a request names by digest is the file its sender's system serves
// (issue 15), without holding a file it only needs to hash. Bounded in bytes and in time, so that
// a slow or endless answer cannot hold the door.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { request, type Agent } from 'node:https';
import {
  connectionError,
  isRetryableStatus,
  pinnedTlsOptions,
  transportFailure,
  type ClientTlsOptions,
  type ServerPin,
} from './pinned-tls';
import { SignedHttpError, SignedHttpErrorCode } from './signed-http.error';

export interface DigestFetchRequest {
  /** An https:// URL; anything else is refused before connecting. */
  url: string;
  /** Our certificate, the only CA trusted for the server, and the identity (CN) it must present. */
  tls: ClientTlsOptions;
  /** Bound on the whole exchange, connection to last byte. */
  timeoutMs: number;
  /** Longest file accepted; one byte more stops the transfer. */
  maxBytes: number;
  /** Kept-alive connections (mutualTlsAgent) for the same credential and CA. */
  agent?: Agent;
}

export interface FetchedDigest {
  /** Lower-case hex SHA-256 of the bytes (FIPS 180-4). */
  sha256: string;
  bytes: number;
}

/**
 * Resolves with the digest of a 2xx answer's body. Rejects with SignedHttpError: HTTP_TIMEOUT,
 * HTTP_CONNECTION_FAILED (retryable), HTTP_SERVER_IDENTITY (another party, an untrusted chain, not
 * https), HTTP_REJECTED (any other status; 5xx, 408 and 429 retryable), HTTP_RESPONSE_TOO_LARGE.
 */
export function fetchDigest(input: DigestFetchRequest): Promise<FetchedDigest> {
  if (!input.url.startsWith('https://')) {
    return Promise.reject(
      new SignedHttpError(SignedHttpErrorCode.HTTP_SERVER_IDENTITY, `${input.url} is not an https:// URL`, {
        retryable: false,
      }),
    );
  }
  return new Promise((resolve, reject) => {
    const pin: ServerPin = {};
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const req = request(input.url, { method: 'GET', ...pinnedTlsOptions(input.tls, input.agent, pin) });
    const fail = (error: SignedHttpError) => {
      settle(() => reject(error));
      req.destroy();
    };
    const timer = setTimeout(
      () =>
        fail(
          new SignedHttpError(
            SignedHttpErrorCode.HTTP_TIMEOUT,
            `No complete answer from ${input.url} within ${input.timeoutMs} ms`,
            { retryable: true },
          ),
        ),
      input.timeoutMs,
    );

    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        res.resume();
        fail(
          new SignedHttpError(SignedHttpErrorCode.HTTP_REJECTED, `${input.url} answered ${status}`, {
            retryable: isRetryableStatus(status),
            status,
          }),
        );
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > input.maxBytes) {
        fail(tooLarge(input, `${declared} bytes announced`));
        return;
      }
      const hash = createHash('sha256');
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > input.maxBytes) {
          fail(tooLarge(input, `more than ${input.maxBytes} bytes sent`));
          return;
        }
        hash.update(chunk);
      });
      res.on('error', (error: Error) => settle(() => reject(connectionError(input.url, error))));
      res.on('end', () => settle(() => resolve({ sha256: hash.digest('hex'), bytes })));
    });

    req.on('error', (error: Error) => settle(() => reject(transportFailure(input.url, error, pin))));
    req.end();
  });
}

function tooLarge(input: DigestFetchRequest, what: string): SignedHttpError {
  return new SignedHttpError(
    SignedHttpErrorCode.HTTP_RESPONSE_TOO_LARGE,
    `${input.url}: ${what}; the limit is ${input.maxBytes}`,
    { retryable: false },
  );
}
