export enum SignedHttpErrorCode {
  /** No TCP/TLS connection, or it broke before a response (includes a refused client certificate). */
  HTTP_CONNECTION_FAILED = 'HTTP_CONNECTION_FAILED',
  HTTP_TIMEOUT = 'HTTP_TIMEOUT',
  /** The server's certificate does not chain to our CA or names another party than expected. */
  HTTP_SERVER_IDENTITY = 'HTTP_SERVER_IDENTITY',
  /** The server answered with a status that is neither success nor "already have it". */
  HTTP_REJECTED = 'HTTP_REJECTED',
  /** A fetched file (fetchDigest) is longer than the caller's bound: it will not get shorter. */
  HTTP_RESPONSE_TOO_LARGE = 'HTTP_RESPONSE_TOO_LARGE',
  /** Server side: the request came without a usable client certificate. */
  HTTP_CLIENT_IDENTITY = 'HTTP_CLIENT_IDENTITY',
}

export interface SignedHttpErrorDetails {
  /** Whether trying again later may succeed (network, 5xx, 429); a 4xx never will. */
  retryable: boolean;
  /** The HTTP status, for HTTP_REJECTED. */
  status?: number;
  /** The start of the server's answer, for HTTP_REJECTED: it usually carries the reason. */
  responseBody?: string;
  cause?: unknown;
}

export class SignedHttpError extends Error {
  override readonly name = 'SignedHttpError';
  readonly retryable: boolean;
  readonly status?: number;
  readonly responseBody?: string;

  constructor(
    readonly code: SignedHttpErrorCode,
    message: string,
    details: SignedHttpErrorDetails,
  ) {
    super(message, { cause: details.cause });
    this.retryable = details.retryable;
    this.status = details.status;
    this.responseBody = details.responseBody;
  }
}
