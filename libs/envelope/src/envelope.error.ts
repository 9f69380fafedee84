import type { ValidationIssue } from './envelope.types';

export enum EnvelopeErrorCode {
  TooLarge = 'ENVELOPE_TOO_LARGE',
  EncodingInvalid = 'ENVELOPE_ENCODING_INVALID',
  MalformedJson = 'ENVELOPE_MALFORMED_JSON',
  TooDeep = 'ENVELOPE_TOO_DEEP',
  DuplicateKey = 'ENVELOPE_DUPLICATE_KEY',
  Invalid = 'ENVELOPE_INVALID',
  /** A control or bidirectional-formatting character in a string (SECURITY.md). */
  ForbiddenCharacter = 'ENVELOPE_FORBIDDEN_CHARACTER',
  NotCanonicalizable = 'ENVELOPE_NOT_CANONICALIZABLE',
  NotCanonical = 'ENVELOPE_NOT_CANONICAL',
}

export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';
  readonly issues: readonly ValidationIssue[];

  constructor(
    readonly code: EnvelopeErrorCode,
    message: string,
    options: { cause?: unknown; issues?: readonly ValidationIssue[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.issues = options.issues ?? [];
  }
}
