export enum NoticeErrorCode {
  NOTICE_TOO_LARGE = 'NOTICE_TOO_LARGE',
  NOTICE_ENCODING_INVALID = 'NOTICE_ENCODING_INVALID',
  /** A control or bidirectional-formatting character, raw or as a character reference. */
  NOTICE_FORBIDDEN_CHARACTER = 'NOTICE_FORBIDDEN_CHARACTER',
  NOTICE_DOCTYPE_FORBIDDEN = 'NOTICE_DOCTYPE_FORBIDDEN',
  NOTICE_PI_FORBIDDEN = 'NOTICE_PI_FORBIDDEN',
  NOTICE_TOO_DEEP = 'NOTICE_TOO_DEEP',
  NOTICE_MALFORMED_XML = 'NOTICE_MALFORMED_XML',
  NOTICE_NAMESPACE_INVALID = 'NOTICE_NAMESPACE_INVALID',
  NOTICE_INVALID = 'NOTICE_INVALID',
}

/** One content problem, located by an XPath-like path: `/Notice/ArrestWarrant[2]/Charge`. */
export interface NoticeIssue {
  path: string;
  reason: string;
}

export interface NoticeErrorDetails {
  issues?: readonly NoticeIssue[];
  /** 1-based position of a well-formedness error, when the parser reports it. */
  line?: number;
  column?: number;
  cause?: unknown;
}

export class NoticeError extends Error {
  override readonly name = 'NoticeError';
  readonly issues: readonly NoticeIssue[];
  readonly line?: number;
  readonly column?: number;

  constructor(
    readonly code: NoticeErrorCode,
    message: string,
    details: NoticeErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.issues = details.issues ?? [];
    this.line = details.line;
    this.column = details.column;
  }

  static invalid(issues: readonly NoticeIssue[]): NoticeError {
    const first = issues[0];
    const summary = first ? `${first.path}: ${first.reason}` : 'no detail';
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    return new NoticeError(NoticeErrorCode.NOTICE_INVALID, `Notice is invalid: ${summary}${more}`, {
      issues,
    });
  }
}
