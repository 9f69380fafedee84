import { request, type Agent } from 'node:https';
import type { IncomingMessage } from 'node:http';
import {
  connectionError,
  isRetryableStatus,
  pinnedTlsOptions,
  transportFailure,
  type ClientTlsOptions,
  type ServerPin,
} from './pinned-tls';
import { SignedHttpError, SignedHttpErrorCode } from './signed-http.error';
import { SignedHttpHeader } from './signed-http.headers';

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
    const pin: ServerPin = {};
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };

    const req = request(input.url, {
      method: 'POST',
      ...pinnedTlsOptions(input.tls, input.agent, pin),
      headers: {
        'content-type': input.contentType,
        'content-length': input.body.length,
        [SignedHttpHeader.SIGNATURE]: input.signatureDer.toString('base64'),
        [SignedHttpHeader.MESSAGE_ID]: input.messageId,
        ...(input.correlationId ? { [SignedHttpHeader.CORRELATION_ID]: input.correlationId } : {}),
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

    req.on('error', (error: Error) => settle(() => reject(transportFailure(input.url, error, pin))));

    req.end(input.body);
  });
}

function isAccepted(status: number): boolean {
  return (status >= 200 && status < 300) || status === 409;
}

function rejection(url: string, status: number, body: string): SignedHttpError {
  return new SignedHttpError(
    SignedHttpErrorCode.HTTP_REJECTED,
    `${url} answered ${status}: ${summary(body)}`,
    {
      retryable: isRetryableStatus(status),
      status,
      responseBody: body.slice(0, 2048),
    },
  );
}

function summary(body: string): string {
  const oneLine = body.replace(/\s+/g, ' ').trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine || '(no body)';
}
