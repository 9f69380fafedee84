export enum PublicNoticesErrorCode {
  /** The service answered with an HTTP error (an unknown id answers 502). */
  HttpStatus = 'PUBLIC_NOTICES_HTTP_STATUS',
  Timeout = 'PUBLIC_NOTICES_TIMEOUT',
  Unreachable = 'PUBLIC_NOTICES_UNREACHABLE',
  TooLarge = 'PUBLIC_NOTICES_TOO_LARGE',
  /** A list page that is not the service's list document. */
  PageInvalid = 'PUBLIC_NOTICES_PAGE_INVALID',
  /** A link pointing away from the configured service: never followed. */
  ForeignLink = 'PUBLIC_NOTICES_FOREIGN_LINK',
  /** A detail document whose kind (red, yellow, un) cannot be told. */
  KindUnknown = 'PUBLIC_NOTICES_KIND_UNKNOWN',
  /** A detail document given by path (`pcms public-notices import`) that cannot be read. */
  FileUnreadable = 'PUBLIC_NOTICES_FILE_UNREADABLE',
  /** Some notices of a poll failed: the poll is retried by bull (the others are not sent twice). */
  PollIncomplete = 'PUBLIC_NOTICES_POLL_INCOMPLETE',
}

export class PublicNoticesError extends Error {
  override readonly name = 'PublicNoticesError';

  constructor(
    readonly code: PublicNoticesErrorCode,
    message: string,
    options: { cause?: unknown; status?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
  }

  readonly status?: number;
}

/** The code of any of our coded errors (TranslationError, MessagingError…), else UNEXPECTED. */
export function errorCodeOf(error: unknown): string {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'UNEXPECTED';
}
