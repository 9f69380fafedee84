export enum AccessErrorCode {
  /** The RabbitMQ management API did not answer (plugin off, wrong URL). */
  MANAGEMENT_UNREACHABLE = 'MANAGEMENT_UNREACHABLE',
  /** It answered with an error status (wrong credentials, unknown vhost). */
  MANAGEMENT_REJECTED = 'MANAGEMENT_REJECTED',
  /** The credentials file exists but cannot be read as one. */
  CREDENTIALS_FILE_INVALID = 'CREDENTIALS_FILE_INVALID',
}

/** Errors name the request and the status, never a password. */
export class AccessError extends Error {
  override readonly name = 'AccessError';

  constructor(
    readonly code: AccessErrorCode,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, { cause: options?.cause });
    this.status = options?.status;
  }

  /** The management API's HTTP status, when it answered. */
  readonly status?: number;
}
